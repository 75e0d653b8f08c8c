using Ingestion.Kafka.Configuration;

namespace MassTransit;

/// <summary>
/// <c>rider.AddProducer&lt;T&gt;(topic)</c>, <c>rider.AddProducer&lt;TKey, T&gt;(topic, keyResolver)</c> and
/// <c>rider.UsingKafka((context, k) =&gt; ...)</c>: MassTransit.Kafka's names and meaning. Our overloads are in
/// <c>Ingestion.Kafka.Producing</c> and <c>Ingestion.Kafka.Configuration</c>.
/// </summary>
public static class KafkaRiderRegistrationExtensions
{
    /// <summary>
    /// Registers <see cref="ITopicProducer{T}"/> for <paramref name="topic"/>, writing records without a key;
    /// <paramref name="configure"/> adds send filters, send observers or another serializer for this producer. Records run
    /// through MassTransit's send pipeline of the bus the rider boards (<c>UsingKafka</c>); without a Kafka rider the
    /// producer has only its own observers.
    /// </summary>
    public static void AddProducer<T>(this IRiderRegistrationConfigurator rider, string topic,
        Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>>? configure = null)
        where T : class =>
        KafkaRiderServices.AddProducer(rider, topic, keyResolver: null, messageIdResolver: null, configure);

    /// <summary>
    /// Registers <see cref="ITopicProducer{T}"/> for <paramref name="topic"/> whose record key <paramref name="keyResolver"/>
    /// chooses from each record's send context (MassTransit.Kafka's overload) unless a send filter or the caller's pipe set
    /// <see cref="KafkaSendContext{TKey, T}.Key"/> (the context is a <c>KafkaSendContext&lt;TKey, T&gt;</c>). <typeparamref name="TKey"/>:
    /// string, byte[], int, long, float or double, written as Confluent.Kafka's serializers write them. Every record then gets a send context.
    /// </summary>
    public static void AddProducer<TKey, T>(this IRiderRegistrationConfigurator rider, string topic, KafkaKeyResolver<TKey, T> keyResolver,
        Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>>? configure = null)
        where T : class =>
        KafkaRiderServices.AddProducer(rider, topic, keyResolver, configure);

    /// <summary>Adds the Kafka rider to the bus; <paramref name="configure"/> sets the host and declares the topic endpoints.</summary>
    public static void UsingKafka(this IRiderRegistrationConfigurator rider, Action<IRiderRegistrationContext, IKafkaFactoryConfigurator> configure) =>
        KafkaRiderServices.UsingKafka(rider, configure);
}

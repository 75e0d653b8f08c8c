using Ingestion.Kafka.Configuration;
using MassTransit;

namespace Ingestion.Kafka.Producing;

/// <summary>Our <c>AddProducer</c> overload (MassTransit.Kafka has none like it): the key and the message id from the message alone.</summary>
public static class ProducerRegistrationExtensions
{
    /// <summary>
    /// Registers <see cref="ITopicProducer{T}"/> for <paramref name="topic"/>. <paramref name="keyResolver"/> chooses the record key
    /// (for metrics: <c>SeriesKey.For</c>); <paramref name="messageIdResolver"/> the <c>message-id</c> header (default: a new id);
    /// <paramref name="configure"/> as in <c>AddProducer&lt;T&gt;(topic, configure)</c>. Without send filters, observers or a
    /// caller's pipe, records are written without building a send context (the cheap path).
    /// </summary>
    public static void AddProducer<T>(this IRiderRegistrationConfigurator rider, string topic, Func<T, string?> keyResolver,
        Func<T, Guid?>? messageIdResolver = null, Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>>? configure = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(keyResolver);
        KafkaRiderServices.AddProducer(rider, topic, keyResolver, messageIdResolver, configure);
    }
}

using MassTransit;
using MassTransit.Serialization;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// The value serializer of one producer, as a MassTransit <see cref="IMessageSerializer"/> (ours: MassTransit.Kafka's
/// <c>SetValueSerializer</c> takes a Confluent <c>IAsyncSerializer</c> instead). Its content type goes into the <c>content-type</c> header.
/// </summary>
public static class ProducerSerializerExtensions
{
    /// <summary>Writes values with <paramref name="serializer"/>.</summary>
    public static void SetMessageSerializer<T>(this IKafkaProducerConfigurator<T> producer, IMessageSerializer serializer)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(serializer);
        Of(producer).Serializer = serializer;
    }

    /// <summary>Raw JSON of the message (the default; <see cref="KafkaRawJsonSerializer"/>).</summary>
    public static void UseRawJsonSerializer<T>(this IKafkaProducerConfigurator<T> producer)
        where T : class =>
        Of(producer).Serializer = KafkaRawJsonSerializer.Instance;

    /// <summary>MassTransit's JSON envelope (<c>application/vnd.masstransit+json</c>), as the official rider's envelope producers write it.</summary>
    public static void UseJsonSerializer<T>(this IKafkaProducerConfigurator<T> producer)
        where T : class =>
        Of(producer).Serializer = SystemTextJsonMessageSerializer.Instance;

    private static KafkaProducerSpecification<T> Of<T>(IKafkaProducerConfigurator<T> producer)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(producer);
        return producer as KafkaProducerSpecification<T>
            ?? throw new ArgumentException("Not a producer of this rider (configure it inside rider.AddProducer).", nameof(producer));
    }
}

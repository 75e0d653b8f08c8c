using MassTransit;

namespace Ingestion.Kafka;

/// <summary>Access to the Kafka record behind a consumed message (ours: all its coordinates, headers and delivery count).</summary>
public static class KafkaRecordContextExtensions
{
    /// <summary>The Kafka record behind this message; throws when it did not come through a Kafka topic endpoint.</summary>
    public static KafkaRecordContext GetKafkaRecord(this ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetPayload(out KafkaRecordContext? record)
            ? record
            : throw new InvalidOperationException("This message was not received from a Kafka topic endpoint.");
    }
}

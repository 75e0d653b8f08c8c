using MassTransit;

namespace Ingestion.Kafka.Consuming;

/// <summary>Access to the Kafka record behind a consumed message (ours; MassTransit.Kafka has a <c>KafkaConsumeContext</c> instead).</summary>
public static class KafkaRecordExtensions
{
    /// <summary>The Kafka coordinates of this message; throws when it did not come through a Kafka topic endpoint.</summary>
    public static KafkaRecordContext GetKafkaRecord(this ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetPayload(out KafkaRecordContext? record)
            ? record
            : throw new InvalidOperationException("This message was not received from a Kafka topic endpoint.");
    }

    /// <summary>The Kafka coordinates of this message, or null when it did not come through a Kafka topic endpoint.</summary>
    public static KafkaRecordContext? FindKafkaRecord(this ConsumeContext context) =>
        context is not null && context.TryGetPayload(out KafkaRecordContext? record) ? record : null;
}

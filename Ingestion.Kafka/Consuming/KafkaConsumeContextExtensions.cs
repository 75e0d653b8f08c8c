using MassTransit;

namespace Ingestion.Kafka;

/// <summary>Access to the Kafka record behind a consumed message.</summary>
public static class KafkaConsumeContextExtensions
{
    /// <summary>The Kafka coordinates of this message; throws when it did not come through a Kafka topic endpoint.</summary>
    public static KafkaRecordContext GetKafkaRecord(this ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetPayload(out KafkaRecordContext? record)
            ? record
            : throw new InvalidOperationException("This message was not received from a Kafka topic endpoint.");
    }

    /// <summary>The partition of the record behind this message (MassTransit.Kafka's <c>Partition()</c>).</summary>
    public static int Partition(this ConsumeContext context) => context.GetKafkaRecord().Partition;

    /// <summary>The offset of the record behind this message (MassTransit.Kafka's <c>Offset()</c>).</summary>
    public static long Offset(this ConsumeContext context) => context.GetKafkaRecord().Offset;

    /// <summary>
    /// The record key (MassTransit.Kafka's <c>GetKey&lt;TKey&gt;()</c>): <c>string</c> (UTF-8), <c>byte[]</c>, <c>int</c>,
    /// <c>long</c>, <c>float</c> or <c>double</c> (Kafka's big-endian encodings); default when the record has no key.
    /// </summary>
    public static TKey? GetKey<TKey>(this ConsumeContext context) => KafkaKeys.Deserialize<TKey>(context.GetKafkaRecord().KeyBytes);

    /// <summary>The Kafka coordinates of this message, or null when it did not come through a Kafka topic endpoint.</summary>
    public static KafkaRecordContext? FindKafkaRecord(this ConsumeContext context) =>
        context is not null && context.TryGetPayload(out KafkaRecordContext? record) ? record : null;
}

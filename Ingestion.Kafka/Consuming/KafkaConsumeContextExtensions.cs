using Ingestion.Kafka;

namespace MassTransit;

/// <summary>MassTransit.Kafka's consume-context extensions: the Kafka coordinates of a consumed message.</summary>
public static class KafkaConsumeContextExtensions
{
    /// <summary>The partition of the record behind this message; null when it did not come through a Kafka topic endpoint.</summary>
    public static int? Partition(this ConsumeContext context) => Record(context)?.Partition;

    /// <summary>The offset of the record behind this message; null when it did not come through a Kafka topic endpoint.</summary>
    public static long? Offset(this ConsumeContext context) => Record(context)?.Offset;

    /// <summary>
    /// The record key: <c>string</c> (UTF-8), <c>byte[]</c>, <c>int</c>, <c>long</c>, <c>float</c> or <c>double</c> (Kafka's
    /// big-endian encodings); default when the record has no key or the message did not come through a Kafka topic endpoint.
    /// </summary>
    public static TKey? GetKey<TKey>(this ConsumeContext context) => Record(context) is { } record ? KafkaKeys.Deserialize<TKey>(record.KeyBytes) : default;

    private static KafkaRecordContext? Record(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetPayload(out KafkaRecordContext? record) ? record : null;
    }
}

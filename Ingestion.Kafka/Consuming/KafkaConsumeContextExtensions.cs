using Ingestion.Kafka.Consuming;

namespace MassTransit;

/// <summary>MassTransit.Kafka's consume-context extensions, in its namespace, so a swap to the official package changes no using line.</summary>
public static class KafkaConsumeContextExtensions
{
    /// <summary>The partition of the record behind this message (MassTransit.Kafka's <c>Partition()</c>).</summary>
    public static int Partition(this ConsumeContext context) => context.GetKafkaRecord().Partition;

    /// <summary>The offset of the record behind this message (MassTransit.Kafka's <c>Offset()</c>).</summary>
    public static long Offset(this ConsumeContext context) => context.GetKafkaRecord().Offset;

    /// <summary>
    /// The record key (MassTransit.Kafka's <c>GetKey&lt;TKey&gt;()</c>): <c>string</c> (UTF-8), <c>byte[]</c>, <c>int</c>,
    /// <c>long</c>, <c>float</c> or <c>double</c> (Kafka's big-endian encodings); default when the record has no key.
    /// </summary>
    public static TKey? GetKey<TKey>(this ConsumeContext context) => KafkaKeys.Deserialize<TKey>(context.GetKafkaRecord().KeyBytes);
}

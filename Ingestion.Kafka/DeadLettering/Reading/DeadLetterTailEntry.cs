namespace Ingestion.Kafka.DeadLettering.Reading;

/// <summary>One record near the end of the dead-letter topic: where it sits, when Kafka stored it, and the parsed record.</summary>
/// <param name="Partition">Partition on the dead-letter topic.</param>
/// <param name="Offset">Offset on the dead-letter topic (<c>ingestion-ops dlq show Partition:Offset</c>).</param>
/// <param name="KafkaTimestamp">The Kafka record's timestamp.</param>
/// <param name="Record">The DLQ record, or null when the value is not one.</param>
/// <param name="ReadError">Why the value is not a DLQ record, when <paramref name="Record"/> is null.</param>
public sealed record DeadLetterTailEntry(int Partition, long Offset, DateTimeOffset KafkaTimestamp, DeadLetterRecord? Record, string? ReadError)
{
    /// <summary>When it was dead-lettered: the record's own timestamp, else the Kafka timestamp.</summary>
    public DateTimeOffset DeadLetteredAt => Record?.DlqTimestamp is { } at && at != default ? at : KafkaTimestamp;
}

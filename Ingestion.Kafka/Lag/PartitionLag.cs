namespace Ingestion.Kafka.Lag;

/// <summary>One partition of a consumer group's position on a topic.</summary>
/// <param name="Partition">The partition number.</param>
/// <param name="CommittedOffset">The group's committed offset (the next record it will read), or null when it never committed.</param>
/// <param name="LowWatermark">The log start offset: the oldest record the broker still holds.</param>
/// <param name="HighWatermark">The offset the next produced record will get.</param>
public sealed record PartitionLag(int Partition, long? CommittedOffset, long LowWatermark, long HighWatermark)
{
    /// <summary>Records the group has not consumed yet (from the log start when it never committed).</summary>
    public long Lag => Math.Max(0, HighWatermark - Math.Max(CommittedOffset ?? LowWatermark, LowWatermark));

    /// <summary>
    /// Records the broker dropped before the group consumed them: the log start moved past the committed offset.
    /// On real Kafka that means retention outran the consumers; on the embedded broker its fixed per-partition limit did.
    /// </summary>
    public long TruncatedRecords => (CommittedOffset ?? (StartsAtZero ? 0 : null)) is { } committed && committed < LowWatermark ? LowWatermark - committed : 0;

    /// <summary>
    /// Whether a group that never committed counts as reading from offset 0 (a topic that began empty with this group as
    /// its consumer, as the embedded broker's under <c>./ingest up</c>): then a log start above 0 is records dropped unread.
    /// Otherwise such a group may simply have started after retention removed older records.
    /// </summary>
    public bool StartsAtZero { get; init; }

    /// <summary>True when <see cref="TruncatedRecords"/> is above zero.</summary>
    public bool IsTruncated => TruncatedRecords > 0;
}

namespace Ingestion.Kafka.Lag;

/// <summary>A consumer group's lag on one topic, per partition and in total.</summary>
public sealed record ConsumerGroupLag(string Group, string Topic, IReadOnlyList<PartitionLag> Partitions)
{
    /// <summary>Unconsumed records over all partitions.</summary>
    public long TotalLag => Partitions.Sum(partition => partition.Lag);

    /// <summary>Records dropped by the broker before the group consumed them, over all partitions.</summary>
    public long TotalTruncated => Partitions.Sum(partition => partition.TruncatedRecords);
}

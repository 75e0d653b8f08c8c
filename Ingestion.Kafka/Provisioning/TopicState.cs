namespace Ingestion.Kafka.Provisioning;

/// <summary>A topic as the cluster reports it.</summary>
public sealed record TopicState(string Name, IReadOnlyList<PartitionState> Partitions)
{
    /// <summary>Records the broker holds over all partitions (high minus low watermark).</summary>
    public long RetainedRecords => Partitions.Sum(partition => partition.HighWatermark - partition.LowWatermark);
}

/// <summary>One partition: its leader and replicas, and the offsets it holds.</summary>
public sealed record PartitionState(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> InSyncReplicas,
    long LowWatermark, long HighWatermark);

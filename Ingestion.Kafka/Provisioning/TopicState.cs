namespace Ingestion.Kafka.Provisioning;

/// <summary>A topic as the cluster reports it.</summary>
public sealed record TopicState(string Name, IReadOnlyList<PartitionState> Partitions);

/// <summary>One partition: its leader and replicas, and the offsets it holds.</summary>
public sealed record PartitionState(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> InSyncReplicas,
    long LowWatermark, long HighWatermark);

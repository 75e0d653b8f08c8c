namespace Ingestion.Api.Model.Ops;

/// <summary>The workers' consumer group lag on their topic, per partition and in total.</summary>
/// <param name="Topic">The topic the workers consume.</param>
/// <param name="Group">The workers' consumer group.</param>
/// <param name="Total">Unconsumed records over all partitions; null when Kafka could not be read.</param>
/// <param name="WarningThreshold">Total lag above which operators are warned (<c>Dashboard:LagWarningThreshold</c>).</param>
/// <param name="OverThreshold">True when <paramref name="Total"/> is above the threshold.</param>
/// <param name="TruncatedRecords">Records the broker dropped before the group consumed them.</param>
/// <param name="Partitions">Each partition's lag and offsets.</param>
/// <param name="Error">Why the lag could not be read, when it could not.</param>
public sealed record ConsumerLagView(
    string Topic,
    string Group,
    long? Total,
    long WarningThreshold,
    bool OverThreshold,
    long TruncatedRecords,
    IReadOnlyList<PartitionLagView> Partitions,
    string? Error);

namespace Ingestion.Api.Model.Ops;

/// <summary>One partition's lag: records between the group's committed offset and the high watermark.</summary>
public sealed record PartitionLagView(int Partition, long Lag, long? CommittedOffset, long LowWatermark, long HighWatermark);

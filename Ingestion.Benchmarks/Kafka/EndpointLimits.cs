namespace Ingestion.Benchmarks.Kafka;

/// <summary><c>--window-size</c>, <c>--partition-limit</c>, <c>--buffer-limit</c> of <c>kafka-consume</c>: endpoint settings to compare (0 or null: the rider's default).</summary>
internal sealed record EndpointLimits(int? WindowSize, int PartitionLimit, int PartitionBufferLimit);

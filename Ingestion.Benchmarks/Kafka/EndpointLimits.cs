namespace Ingestion.Benchmarks.Kafka;

/// <summary><c>--delivery-limit</c>, <c>--partition-limit</c>, <c>--buffer-limit</c> of <c>kafka-consume</c>: endpoint settings to compare (0 or null: the rider's default).</summary>
internal sealed record EndpointLimits(int? DeliveryLimit, int PartitionLimit, int PartitionBufferLimit);

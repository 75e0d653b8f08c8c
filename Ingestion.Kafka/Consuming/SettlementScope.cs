namespace Ingestion.Kafka.Consuming;

/// <summary>The partition a failed window belongs to: its blockage report, and the tokens that end its waits and its dispatches.</summary>
internal sealed record SettlementScope(int Partition, PartitionBlockage Blockage, CancellationToken Stopping, CancellationToken Aborting);

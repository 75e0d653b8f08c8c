namespace Ingestion.Consumers.Persisting;

/// <summary>What became of a batch: the rows that were new, and the metrics that cannot be persisted (to be dead-lettered).</summary>
public sealed record MetricBatchResult(int Inserted, IReadOnlyList<MetricRejection> Rejected);

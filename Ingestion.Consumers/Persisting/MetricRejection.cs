namespace Ingestion.Consumers.Persisting;

/// <summary>
/// Why one metric of a batch cannot be persisted: its index in the batch, a dead-letter reason, a sentence, and the
/// exception if any (PostgreSQL's, for a refused row).
/// </summary>
public sealed record MetricRejection(int Index, string Reason, string Error, Exception? Exception);

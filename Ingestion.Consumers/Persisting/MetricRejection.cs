namespace Ingestion.Consumers.Persisting;

/// <summary>
/// Why one metric of a batch is not persisted, found before writing: its index in the batch, a dead-letter reason and a
/// sentence. (A row PostgreSQL refuses is no rejection: it fails the batch and the rider isolates it.)
/// </summary>
public sealed record MetricRejection(int Index, string Reason, string Error);

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// Why one metric of a batch is not persisted, found before writing: its index in the batch and what is invalid about it
/// (the consumer rejects it with an <c>InvalidMessageException</c>, dead-lettered with reason <c>validation</c>). A row
/// PostgreSQL refuses is no rejection: it fails the batch and the rider isolates it.
/// </summary>
public sealed record MetricRejection(int Index, string Error);

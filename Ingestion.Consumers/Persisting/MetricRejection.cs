namespace Ingestion.Consumers.Persisting;

/// <summary>Why one metric of a batch cannot be persisted: a dead-letter reason, a sentence, and the exception if any.</summary>
public sealed record MetricRejection(int Index, string Reason, string Error, Exception? Exception);

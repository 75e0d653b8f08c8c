namespace Ingestion.Contracts;

/// <summary>One reason a metric was rejected: the field (camelCase, as on the wire) and a sentence.</summary>
public sealed record MetricValidationError(string Field, string Message);

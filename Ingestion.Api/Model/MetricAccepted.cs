namespace Ingestion.Api.Model;

/// <summary>202 answer to a single metric: Kafka acknowledged it.</summary>
public sealed record MetricAccepted(string Status, Guid Id);

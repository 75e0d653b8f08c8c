namespace Ingestion.Api.Model;

/// <summary>The body of <c>POST /api/v1/metrics</c> (and one item of a batch). Documents the shape for OpenAPI; bodies are parsed by MetricJsonParser.</summary>
/// <param name="Name">Metric name, 1 to 200 characters of <c>[a-zA-Z_:][a-zA-Z0-9_:.-]*</c>.</param>
/// <param name="Value">A finite JSON number.</param>
/// <param name="Labels">At most 32 pairs; keys use the name charset, values are strings of at most 256 characters.</param>
/// <param name="Timestamp">ISO-8601 with offset; defaults to the time of receipt.</param>
/// <param name="Id">Batch items only: an idempotency key (a GUID is used as the metric id as is).</param>
public sealed record MetricRequest(string Name, double Value, IReadOnlyDictionary<string, string>? Labels, DateTimeOffset? Timestamp, string? Id);

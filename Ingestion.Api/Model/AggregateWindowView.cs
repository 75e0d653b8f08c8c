namespace Ingestion.Api.Model;

/// <summary>
/// One tumbling window: [Start, End) and the requested functions' values by name (avg, min, max, sum, count, p95, ...).
/// A value is null when it exceeds a double's range (a sum, or its average, beyond ±1.8e308).
/// </summary>
public sealed record AggregateWindowView(DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, double?> Values);

namespace Ingestion.Api.Model;

/// <summary>One tumbling window: [Start, End) and the requested functions' values by name (avg, min, max, sum, count, p95, ...).</summary>
public sealed record AggregateWindowView(DateTimeOffset Start, DateTimeOffset End, IReadOnlyDictionary<string, double> Values);

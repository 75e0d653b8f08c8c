namespace Ingestion.Storage.Queries;

/// <summary>Tumbling windows of <see cref="Window"/> (aligned to the Unix epoch) over [From, To) for one metric name.</summary>
public sealed record AggregateQuery(
    string Name,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Window,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<AggregateFunction> Functions);

namespace Ingestion.Storage.Queries;

/// <summary>What <see cref="MetricQueries.ListAsync"/> returns: optional name, time range [From, To), labels that must all match.</summary>
public sealed record MetricFilter(
    string? Name,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyDictionary<string, string> Labels,
    int Limit,
    MetricCursor? After);

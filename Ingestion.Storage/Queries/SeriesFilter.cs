namespace Ingestion.Storage.Queries;

/// <summary>What <see cref="SeriesQueries.ListAsync"/> returns: an optional name, labels that must all match, a page.</summary>
public sealed record SeriesFilter(string? Name, IReadOnlyDictionary<string, string> Labels, int Limit, int? After);

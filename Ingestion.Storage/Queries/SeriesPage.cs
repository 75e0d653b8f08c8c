namespace Ingestion.Storage.Queries;

/// <summary>A page of series in creation order and the id after which the next page starts (null: last page).</summary>
public sealed record SeriesPage(IReadOnlyList<StoredSeries> Items, int? Next);

namespace Ingestion.Api.Model;

/// <summary>A page of series in the order they were first written; pass <see cref="NextCursor"/> as <c>cursor</c> for more.</summary>
public sealed record SeriesList(IReadOnlyList<SeriesView> Items, string? NextCursor);

namespace Ingestion.Api.Model;

/// <summary>A page of metrics, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next page (null: no more).</summary>
public sealed record MetricPage(IReadOnlyList<MetricView> Items, string? NextCursor);

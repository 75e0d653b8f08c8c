namespace Ingestion.Storage.Queries;

/// <summary>A page of rows, newest first, and where the next page starts (null: this was the last).</summary>
public sealed record MetricListPage(IReadOnlyList<StoredMetric> Items, MetricCursor? Next);

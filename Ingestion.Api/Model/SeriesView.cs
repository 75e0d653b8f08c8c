namespace Ingestion.Api.Model;

/// <summary>A series that has been written: a metric name and its label set.</summary>
public sealed record SeriesView(string Name, IReadOnlyDictionary<string, string> Labels);

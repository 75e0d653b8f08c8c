namespace Ingestion.Storage.Queries;

/// <summary>One series: a metric name and a label set that has been written at least once.</summary>
public sealed record StoredSeries(int Id, string Name, IReadOnlyDictionary<string, string> Labels);

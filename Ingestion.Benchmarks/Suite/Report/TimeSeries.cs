namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>Values at one-second steps from the series' start (a chart line).</summary>
public sealed record TimeSeries(string Label, List<double> PerSecond);

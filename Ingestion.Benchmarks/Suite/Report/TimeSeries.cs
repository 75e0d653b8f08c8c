namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>Values at one-second steps from the series' start (a chart line), with an optional marked second.</summary>
public sealed record TimeSeries(string Label, List<double> PerSecond)
{
    public double? MarkAt { get; init; }
    public string? Mark { get; init; }
}

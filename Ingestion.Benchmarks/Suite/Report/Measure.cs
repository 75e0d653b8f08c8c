namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>One measured quantity: its value in each repetition, summarised as the median and the spread.</summary>
public sealed record Measure
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public required string Unit { get; init; }
    /// <summary>True for rates, false for latencies and costs: says which way a comparison is an improvement.</summary>
    public bool HigherIsBetter { get; init; }
    public List<double> Runs { get; init; } = [];

    public double Median => Statistics.Median(Runs);
    public double Min => Runs.Count == 0 ? double.NaN : Runs.Min();
    public double Max => Runs.Count == 0 ? double.NaN : Runs.Max();

    public Measure Add(double value)
    {
        Runs.Add(value);
        return this;
    }
}

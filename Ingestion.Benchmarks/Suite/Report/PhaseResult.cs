namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>One phase of the run: a table of measures, each with its value per repetition.</summary>
public sealed record PhaseResult
{
    /// <summary>Stable key (<c>api-single</c>), used by <c>--compare</c>.</summary>
    public required string Key { get; init; }
    public required string Title { get; init; }
    /// <summary>How the phase produced its figures, in a sentence or a command line.</summary>
    public string? Method { get; init; }
    /// <summary>Set when the phase did not run, with the reason.</summary>
    public string? Skipped { get; set; }
    public List<Measure> Measures { get; init; } = [];
    /// <summary>Per-second series for charts (for example, metrics stored per second in each worker run).</summary>
    public List<TimeSeries> Series { get; init; } = [];

    public Measure Measure(string key, string label, string unit, bool higherIsBetter)
    {
        var existing = Measures.FirstOrDefault(m => m.Key == key);
        if (existing is not null) return existing;
        var created = new Measure { Key = key, Label = label, Unit = unit, HigherIsBetter = higherIsBetter };
        Measures.Add(created);
        return created;
    }
}

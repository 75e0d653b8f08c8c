namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>Everything one <c>./ingest bench</c> run measured: what <c>bench-results.json</c> holds and the report is drawn from.</summary>
public sealed record BenchResults
{
    public int SchemaVersion { get; init; } = 1;
    public required string Mode { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public double DurationSeconds { get; set; }
    public required string Commit { get; init; }
    /// <summary>Why the figures should be read with care (a busy machine), or null.</summary>
    public string? Caveat { get; set; }
    public required MachineInfo Machine { get; init; }
    public List<string> Commands { get; init; } = [];
    public List<PhaseResult> Phases { get; init; } = [];
    public List<IntegrityCheck> Integrity { get; init; } = [];
    /// <summary>Chart file names (PNG) next to the report, by what they show.</summary>
    public Dictionary<string, string> Charts { get; init; } = [];

    public bool IntegrityHolds => Integrity.All(check => check.Holds);
}

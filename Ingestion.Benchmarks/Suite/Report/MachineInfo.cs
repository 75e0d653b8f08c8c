namespace Ingestion.Benchmarks.Suite.Report;

/// <summary>The machine a run measured: figures only compare between runs on like machines.</summary>
public sealed record MachineInfo
{
    public required int Cores { get; init; }
    public required double MemoryGiB { get; init; }
    public required string Os { get; init; }
    public string? Cpu { get; init; }
    public required string LoadBefore { get; init; }
    public string LoadAfter { get; set; } = "";
    /// <summary>Share of all cores (0-100) busy in the seconds before the run: what says whether anything else was running.</summary>
    public double? BusyPercentBefore { get; set; }
}

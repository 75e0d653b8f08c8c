namespace Ingestion.Benchmarks.Suite;

/// <summary>How long and how often each phase runs: <c>--quick</c> (under 3 minutes) or the full run (under 15).</summary>
internal sealed record SuitePlan
{
    public required string Mode { get; init; }
    public required int Repetitions { get; init; }
    public required int ApiSeconds { get; init; }
    public int[] Connections { get; init; } = [16, 64, 256];
    public required int RateSeconds { get; init; }
    public int OfferedRate { get; init; } = 5_000;
    public int[] BatchSizes { get; init; } = [100, 1_000];
    public required int WorkerRepetitions { get; init; }
    /// <summary>Metrics pre-filled per worker run, warm-up included.</summary>
    public required int WorkerMessages { get; init; }
    public required int WorkerWarmup { get; init; }
    /// <summary>The shortest steady-state window a worker run should last; later runs pre-fill for this at the rate measured.</summary>
    public required int WorkerSeconds { get; init; }
    public required int EndToEndRepetitions { get; init; }
    public required int EndToEndSeconds { get; init; }
    /// <summary>Metrics per run of the end-to-end throughput phase (phase 5).</summary>
    public required int EndToEndMetrics { get; init; }

    public static SuitePlan Quick => new()
    {
        Mode = "quick", Repetitions = 2, ApiSeconds = 4, RateSeconds = 5,
        WorkerRepetitions = 1, WorkerMessages = 400_000, WorkerWarmup = 100_000, WorkerSeconds = 5,
        EndToEndRepetitions = 1, EndToEndSeconds = 8, EndToEndMetrics = 100_000,
    };

    public static SuitePlan Full => new()
    {
        Mode = "full", Repetitions = 3, ApiSeconds = 10, RateSeconds = 15,
        WorkerRepetitions = 3, WorkerMessages = 1_800_000, WorkerWarmup = 200_000, WorkerSeconds = 30,
        EndToEndRepetitions = 3, EndToEndSeconds = 20, EndToEndMetrics = 300_000,
    };
}

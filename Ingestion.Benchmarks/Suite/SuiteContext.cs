using System.Diagnostics;
using Ingestion.Benchmarks.Suite.Report;

namespace Ingestion.Benchmarks.Suite;

/// <summary>What every phase needs: the plan, where things are, the database server, and the results being collected.</summary>
internal sealed class SuiteContext
{
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public required SuitePlan Plan { get; init; }
    public required string Root { get; init; }
    /// <summary>PostgreSQL server connection string (the suite creates its own databases on it).</summary>
    public required string Server { get; init; }
    public required int ApiPort { get; init; }
    public required int WorkerPort { get; init; }
    /// <summary>Where the services' logs go (<c>.run/bench/</c>).</summary>
    public required string LogDirectory { get; init; }
    public required BenchResults Results { get; init; }
    /// <summary>Phase 5: memory and CPU per metric, filled in by the phases that run the services.</summary>
    public PhaseResult Resources { get; } = new()
    {
        Key = "resources", Title = "Resources: peak resident memory and CPU per metric",
        Method = "Peak resident memory is VmHWM of each service process; CPU is user plus system time from /proc over the metrics of the measured window.",
    };

    public string ApiDll => Path.Combine(Root, "Ingestion.Api", "bin", "Release", "net10.0", "Ingestion.Api.dll");
    public string WorkerDll => Path.Combine(Root, "Ingestion.Consumers", "bin", "Release", "net10.0", "Ingestion.Consumers.dll");
    public string Script(string name) => Path.Combine(Root, "benchmarks", "api", name);

    /// <summary>A progress line on standard error: elapsed time, phase, what happens.</summary>
    public void Progress(string phase, string message) =>
        Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {phase,-10} {message}");

    public void Check(string phase, string what, long expected, long actual, bool atLeast = false)
    {
        var check = new IntegrityCheck(phase, what, expected, actual) { AtLeast = atLeast };
        Results.Integrity.Add(check);
        if (!check.Holds) Progress(phase, $"INTEGRITY FAILED: {what}: expected {(atLeast ? ">= " : "")}{expected}, found {actual}");
    }
}

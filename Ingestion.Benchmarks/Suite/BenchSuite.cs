using System.Diagnostics;
using System.Globalization;
using Ingestion.Benchmarks.Suite.Phases;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite;

/// <summary>
/// <c>suite --connection CS --mode quick|full --api-port N --worker-port N --root DIR [--commit SHA] [--command TEXT] [--caveat TEXT]</c>:
/// every phase of <c>./ingest bench</c> against fresh pipelines on loopback, then the report (docs/benchmarks.md's generated
/// section), its charts and <c>bench-results.json</c>. Exits 1 when an integrity check fails. Started by <c>benchmarks/suite/run</c>.
/// </summary>
internal static class BenchSuite
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var root = arguments.String("root") ?? Directory.GetCurrentDirectory();
        var plan = arguments.String("mode") == "quick" ? SuitePlan.Quick : SuitePlan.Full;
        var results = new BenchResults
        {
            Mode = plan.Mode, StartedAt = DateTimeOffset.UtcNow, Commit = arguments.String("commit") ?? "unknown",
            Machine = new MachineInfo
            {
                Cores = Environment.ProcessorCount, MemoryGiB = ProcFs.MemoryGiB(), Os = ProcFs.OperatingSystem(), Cpu = ProcFs.CpuModel(),
                LoadBefore = ProcFs.LoadAverage(),
            },
        };
        if (arguments.String("command") is { } command) results.Commands.Add(command);
        results.Machine.BusyPercentBefore = await RunConditions.SampleBusyPercentAsync(TimeSpan.FromSeconds(5));
        results.Caveat = RunConditions.Caveat(arguments.String("caveat"), results.Machine.BusyPercentBefore.Value, results.Machine.LoadBefore, results.Machine.Cores);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"[machine] cores {results.Machine.BusyPercentBefore:F0}% busy over the 5 s before the run (load average {results.Machine.LoadBefore}){(results.Machine.BusyPercentBefore > RunConditions.BusyPercent ? ": busy, the report will say its figures are floors" : ": quiet")}"));
        var context = new SuiteContext
        {
            Plan = plan, Root = root, Server = arguments.String("connection") ?? throw new ArgumentException("--connection is required."),
            ApiPort = arguments.Int("api-port", 8075), WorkerPort = arguments.Int("worker-port", 8175),
            LogDirectory = Directory.CreateDirectory(Path.Combine(root, ".run", "bench")).FullName, Results = results,
        };
        var only = arguments.String("only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var clock = Stopwatch.StartNew();
        foreach (var (phase, run, fullOnly) in Phases)
            if (only?.Contains(phase) ?? (!fullOnly || plan.Mode == SuitePlan.Full.Mode))
                await RunPhaseAsync(context, phase, run);
        results.Phases.Add(context.Resources);
        results.DurationSeconds = clock.Elapsed.TotalSeconds;
        results.Machine.LoadAfter = ProcFs.LoadAverage();
        if (only is not null)
            return await ReportPartialAsync(context, only);

        var docs = Path.Combine(root, "docs");
        var chartDirectory = Path.Combine(docs, "benchmarks", "charts");
        try
        {
            ChartWriter.WriteAll(results, chartDirectory);
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or IOException)
        {
            context.Progress("report", $"charts not drawn: {e.GetBaseException().Message}");
        }
        var json = Path.Combine(docs, "benchmarks", "bench-results.json");
        await File.WriteAllTextAsync(json, ResultsFile.Serialize(results));
        var page = Path.Combine(docs, "benchmarks.md");
        var existing = File.Exists(page) ? await File.ReadAllTextAsync(page) : "# Benchmarks\n";
        await File.WriteAllTextAsync(page, ReportDocument.Merge(existing, MarkdownReport.Write(results, "benchmarks/charts/")));
        context.Progress("report", $"wrote {Path.GetRelativePath(root, page)}, {Path.GetRelativePath(root, json)} and {results.Charts.Count} charts in {clock.Elapsed.TotalMinutes:F1} min");
        if (results.IntegrityHolds) return 0;
        foreach (var check in results.Integrity.Where(c => !c.Holds))
            Console.Error.WriteLine($"INTEGRITY FAILED [{check.Phase}] {check.What}: expected {(check.AtLeast ? ">= " : "")}{check.Expected}, found {check.Actual}");
        return 1;
    }

    /// <summary>The phases in the order they run (some in the full run only); <c>--only a,b</c> picks some of them.</summary>
    private static readonly (string Phase, Func<SuiteContext, Task> Run, bool FullOnly)[] Phases =
    [
        ("api", ApiPhases.RunAsync, false),
        ("worker", WorkerPhase.RunAsync, false),
        ("e2e", EndToEndPhase.RunAsync, false),
        ("e2e-3p", EndToEndPhase.RunAtTargetSetupAsync, true),
        ("e2e-throughput", EndToEndThroughputPhase.RunAsync, false),
    ];

    /// <summary>
    /// Some phases only: their medians on the console and in <c>.run/bench/partial-results.json</c>; docs/benchmarks.md
    /// keeps the last whole run's report.
    /// </summary>
    private static async Task<int> ReportPartialAsync(SuiteContext context, string[] only)
    {
        var json = Path.Combine(context.LogDirectory, "partial-results.json");
        await File.WriteAllTextAsync(json, ResultsFile.Serialize(context.Results));
        foreach (var phase in context.Results.Phases.Where(p => p.Measures.Count > 0))
            foreach (var measure in phase.Measures)
                context.Progress(phase.Key, $"{measure.Label}: median {Numbers.Format(measure.Median)} {measure.Unit} ({string.Join(" · ", measure.Runs.Select(Numbers.Format))})");
        context.Progress("report", $"phases {string.Join(", ", only)} only: wrote {json}; docs/benchmarks.md unchanged");
        return context.Results.IntegrityHolds ? 0 : 1;
    }

    /// <summary>
    /// A phase that throws is recorded as a failed check (the run fails loudly) and the next phase still runs.
    /// </summary>
    private static async Task RunPhaseAsync(SuiteContext context, string phase, Func<SuiteContext, Task> run)
    {
        try
        {
            await run(context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            context.Progress(phase, $"FAILED: {e.GetType().Name}: {e.Message}");
            context.Results.Integrity.Add(new IntegrityCheck(phase, $"phase completed ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})", 1, 0));
        }
    }
}

using Ingestion.Benchmarks.Suite.Report;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>
/// Where a measured window's CPU went: the seconds each part of the pipeline used (the API, the worker, the PostgreSQL
/// server, this process with the embedded broker and the load generator) and the whole machine's busy time, per metric.
/// When the machine was busy nearly all the time, the sum per metric is what bounds the rate on these cores.
/// </summary>
public sealed class CpuLedger
{
    private readonly List<(string Key, string Label, Func<double> Seconds)> parts = [];

    public CpuLedger Add(string key, string label, Func<double> seconds)
    {
        parts.Add((key, label, seconds));
        return this;
    }

    public Reading Read() => new([.. parts.Select(p => p.Seconds())], ProcFs.MachineCpuSeconds());

    /// <summary>Adds each part's CPU per metric between two readings, the machine's, and how busy the machine was.</summary>
    public void Record(PhaseResult result, Reading start, Reading end, double metrics)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        var perMetric = 1e6 / Math.Max(1, metrics);
        for (var i = 0; i < parts.Count; i++)
            result.Measure($"cpu.{parts[i].Key}", $"{parts[i].Label} CPU per metric", "µs", false).Add((end.Parts[i] - start.Parts[i]) * perMetric);
        result.Measure("cpu.machine", "machine CPU per metric (every process, both cores)", "µs", false).Add((end.Machine.Busy - start.Machine.Busy) * perMetric);
        result.Measure("cpu.busy", "machine busy during the window", "%", false).Add(end.Machine.BusyPercentSince(start.Machine));
    }

    /// <summary>The parts' CPU seconds and the machine's (busy, total) seconds at one moment.</summary>
    public sealed record Reading(double[] Parts, MachineCpu Machine);
}

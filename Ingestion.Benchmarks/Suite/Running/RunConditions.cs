using System.Globalization;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>
/// Whether the machine was quiet when a run started: how busy its cores were over a few seconds just before (from
/// <c>/proc/stat</c>). A load average would not do: it decays over minutes, so it still reports the previous benchmark
/// long after it ended, and it says nothing of what else is running now.
/// </summary>
public static class RunConditions
{
    /// <summary>Above this share of all cores busy before the run, its figures are floors.</summary>
    public const double BusyPercent = 25;

    /// <summary>The share of all cores (0-100) that was busy over <paramref name="window"/>.</summary>
    public static async Task<double> SampleBusyPercentAsync(TimeSpan window)
    {
        var before = ProcFs.MachineCpuSeconds();
        await Task.Delay(window);
        return ProcFs.MachineCpuSeconds().BusyPercentSince(before);
    }

    /// <summary>The report's caveat: the one given on the command line, and a busy-machine warning when the cores were busy.</summary>
    public static string? Caveat(string? given, double busyPercentBefore, string loadAverage, int cores)
    {
        var busy = busyPercentBefore > BusyPercent
            ? string.Create(CultureInfo.InvariantCulture,
                $"Busy machine: the {cores} cores were {busyPercentBefore:F0}% busy in the seconds before the run (load average {loadAverage}). These figures are floors, not the ones to publish.")
            : null;
        return string.Join(" ", new[] { given, busy }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } text ? text : null;
    }
}

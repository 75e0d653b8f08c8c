using System.Diagnostics;
using System.Globalization;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>
/// Wall-clock rate plus this process's CPU time per message: on a shared machine the CPU figure says what the code costs,
/// the wall clock what the neighbours left over.
/// </summary>
internal sealed class Measurement
{
    private static readonly GcReasons Collections = new();
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private readonly TimeSpan cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long allocatedAtStart = GC.GetTotalAllocatedBytes();
    private readonly int gen0AtStart = GC.CollectionCount(0);
    private readonly int gen2AtStart = GC.CollectionCount(2);
    private readonly TimeSpan pausedAtStart = GC.GetTotalPauseDuration();

    public Measurement() => Collections.Reset();

    public string Stop(string name, long messages, string details)
    {
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        var cpuMicros = cpu.TotalMilliseconds * 1000 / messages;
        var allocated = (GC.GetTotalAllocatedBytes() - allocatedAtStart) / Math.Max(messages, 1);
        var paused = GC.GetTotalPauseDuration() - pausedAtStart;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name} messages={messages} {details} seconds={watch.Elapsed.TotalSeconds:F2} rate_per_sec={messages / watch.Elapsed.TotalSeconds:F0} " +
            $"cpu_us_per_msg={cpuMicros:F2} cpu_bound_rate_2_cores={2_000_000 / cpuMicros:F0} alloc_bytes_per_msg={allocated} " +
            $"gc0={GC.CollectionCount(0) - gen0AtStart} gc2={GC.CollectionCount(2) - gen2AtStart} gc_pause_ms={paused.TotalMilliseconds:F0} " +
            $"gc_by_reason={Collections} load_avg={LoadAverage()}");
    }

    internal static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}

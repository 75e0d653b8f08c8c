using System.Diagnostics;
using System.Globalization;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>
/// Wall-clock rate plus this process's CPU time per message: on a shared machine the CPU figure says what the code costs,
/// the wall clock what the neighbours left over.
/// </summary>
internal sealed class Measurement
{
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private readonly TimeSpan cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;

    public string Stop(string name, long messages, string details)
    {
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
        var cpuMicros = cpu.TotalMilliseconds * 1000 / messages;
        return string.Create(CultureInfo.InvariantCulture,
            $"{name} messages={messages} {details} seconds={watch.Elapsed.TotalSeconds:F2} rate_per_sec={messages / watch.Elapsed.TotalSeconds:F0} " +
            $"cpu_us_per_msg={cpuMicros:F2} cpu_bound_rate_2_cores={2_000_000 / cpuMicros:F0} load_avg={LoadAverage()}");
    }

    private static string LoadAverage()
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

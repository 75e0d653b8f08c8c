using System.Globalization;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>What Linux says about a process and the machine (<c>/proc</c>).</summary>
internal static class ProcFs
{
    private const double ClockTicksPerSecond = 100; // CLK_TCK on Linux x86-64 and arm64

    /// <summary>User plus system CPU seconds the process has used so far.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / ClockTicksPerSecond;
    }

    /// <summary>Peak resident memory (VmHWM) in MiB.</summary>
    public static double PeakResidentMiB(int pid) => StatusKiB($"/proc/{pid}/status", "VmHWM:") / 1024;

    public static string LoadAverage()
    {
        var fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return string.Join(", ", fields.Take(3));
    }

    public static double MemoryGiB() => StatusKiB("/proc/meminfo", "MemTotal:") / 1024 / 1024;

    public static string? CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim();

    public static string OperatingSystem()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        return $"{pretty ?? System.Runtime.InteropServices.RuntimeInformation.OSDescription}, kernel {Environment.OSVersion.Version}, .NET {Environment.Version}";
    }

    private static double StatusKiB(string path, string key)
    {
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

using System.Globalization;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>What Linux says about a process and the machine (<c>/proc</c>).</summary>
public static class ProcFs
{
    private const double ClockTicksPerSecond = 100; // CLK_TCK on Linux x86-64 and arm64

    /// <summary>
    /// User plus system CPU seconds the process has used so far; with <paramref name="withReapedChildren"/> also those of
    /// its children that have exited and been waited for (how a server's finished backends are counted).
    /// </summary>
    public static double CpuSeconds(int pid, bool withReapedChildren = false)
    {
        var fields = StatFields(pid);
        var ticks = Ticks(fields, 11) + Ticks(fields, 12);
        if (withReapedChildren) ticks += Ticks(fields, 13) + Ticks(fields, 14);
        return ticks / ClockTicksPerSecond;
    }

    /// <summary>The parent process id of <paramref name="pid"/>.</summary>
    public static int ParentOf(int pid) => int.Parse(StatFields(pid)[1], CultureInfo.InvariantCulture);

    /// <summary>The processes whose parent is <paramref name="pid"/> now.</summary>
    public static IEnumerable<int> ChildrenOf(int pid)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)) continue;
            int parent;
            try
            {
                parent = ParentOf(candidate);
            }
            catch (IOException)
            {
                continue; // exited while we looked
            }
            if (parent == pid) yield return candidate;
        }
    }

    /// <summary>Seconds all cores together have been busy and have existed since boot (<c>/proc/stat</c>, first line).</summary>
    public static MachineCpu MachineCpuSeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // cpu user nice system idle iowait irq softirq steal (guest time is already inside user and nice)
        double busy = 0, total = 0;
        for (var i = 1; i <= 8 && i < fields.Length; i++)
        {
            var ticks = double.Parse(fields[i], CultureInfo.InvariantCulture);
            total += ticks;
            if (i is not 4 and not 5) busy += ticks;
        }
        return new MachineCpu(busy / ClockTicksPerSecond, total / ClockTicksPerSecond);
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

    // The fields after the command name: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14].
    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static double Ticks(string[] fields, int index) => double.Parse(fields[index], CultureInfo.InvariantCulture);

    private static double StatusKiB(string path, string key)
    {
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

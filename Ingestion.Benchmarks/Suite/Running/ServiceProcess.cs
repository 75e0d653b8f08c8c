using System.Diagnostics;
using System.Globalization;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>
/// One of our services (the API or a worker, Release build) started for a phase, with its output in a log file, its CPU
/// time and peak memory read from <c>/proc</c>, stopped by its own PID (SIGTERM, then SIGKILL after 15 s).
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private ServiceProcess(Process process, StreamWriter log, string name, string logFile)
    {
        this.process = process;
        this.log = log;
        Name = name;
        LogFile = logFile;
    }

    public string Name { get; }
    public string LogFile { get; }
    public int Id => process.Id;
    public double CpuSeconds => ProcFs.CpuSeconds(process.Id);
    public double PeakResidentMiB => ProcFs.PeakResidentMiB(process.Id);

    public static ServiceProcess Start(string name, string dll, string logFile, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll), // appsettings.json is read from the working directory
        };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name} ({dll}).");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, log, name, logFile);
    }

    /// <summary>Waits until <paramref name="url"/> answers 2xx; fails with the log's path when the process dies or time runs out.</summary>
    public async Task WaitUntilHealthyAsync(Uri url, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} while starting (log: {LogFile}).");
            try
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{Name} did not answer {url} within {timeout.TotalSeconds:F0} s (log: {LogFile}).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
                process.Kill();
        }
        process.WaitForExit();
        process.Dispose();
        await log.DisposeAsync();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }
}

using System.Diagnostics;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>Runs <c>wrk</c> (closed loop: each connection sends its next request when the last one is answered).</summary>
internal static class WrkRunner
{
    public static string CommandLine(int connections, int seconds, string script, string url) =>
        $"wrk -t2 -c{connections} -d{seconds}s --latency -s {script} {url}";

    public static async Task<WrkOutput> RunAsync(int connections, int seconds, string script, string url, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("wrk") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-s", script, url })
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("Could not start wrk (apt-get install wrk).");
        var output = wrk.StandardOutput.ReadToEndAsync();
        var error = wrk.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 60));
        await wrk.WaitForExitAsync(limit.Token);
        if (wrk.ExitCode != 0)
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {await error}");
        return WrkOutput.Parse(await output);
    }
}

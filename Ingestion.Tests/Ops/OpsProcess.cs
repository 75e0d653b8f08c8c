using System.Diagnostics;

namespace Ingestion.Tests.Ops;

/// <summary>The built tool as its own process: <c>dotnet Ingestion.Ops.dll ...</c>, as ./ingest runs it.</summary>
internal static class OpsProcess
{
    /// <summary>Ingestion.Ops/bin/{Configuration}/net10.0/Ingestion.Ops.dll beside this test assembly's own bin folder.</summary>
    public static string ToolPath
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testBin.Name;
            var configuration = testBin.Parent!.Name;
            var root = testBin.Parent.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "Ingestion.Ops", "bin", configuration, framework, "Ingestion.Ops.dll");
        }
    }

    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(ToolPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The tool reads the services' variables; keep this machine's from leaking into the test.
        start.Environment.Remove("Kafka__BootstrapServers");
        start.Environment.Remove("ConnectionStrings__Metrics");
        return Process.Start(start)!;
    }

    public static async Task<OpsResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new OpsResult(process.ExitCode, await output, await error);
    }

    /// <summary>Sends SIGTERM to one process by its id.</summary>
    public static void Terminate(int pid)
    {
        using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}

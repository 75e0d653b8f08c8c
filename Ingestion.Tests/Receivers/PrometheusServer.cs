using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ingestion.Tests.Receivers;

/// <summary>
/// Debian's <c>prometheus</c> in a temporary directory on a free loopback port, scraping the given targets every second
/// and remote-writing to the API with its key. Stopped by its PID (the process object), never by name.
/// </summary>
internal sealed class PrometheusServer : IDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private readonly Process process;
    private readonly string directory;
    private readonly StringWriter output = new(CultureInfo.InvariantCulture);

    private PrometheusServer(Process process, string directory)
    {
        this.process = process;
        this.directory = directory;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What Prometheus logged so far, for a failure message.</summary>
    public string Log
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public bool HasExited => process.HasExited;

    public static PrometheusServer Start(Uri writeUrl, string apiKey, IReadOnlyDictionary<string, Uri> targets)
    {
        var directory = Directory.CreateTempSubdirectory("ingestion-prometheus-").FullName;
        var scrapes = string.Join("\n", targets.Select(t => $"""
              - job_name: {t.Key}
                static_configs:
                  - targets: ['{t.Value.Authority}']
            """));
        var config = $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
            {scrapes}
            remote_write:
              - url: {writeUrl}
                authorization:
                  credentials: {apiKey}
                queue_config:
                  batch_send_deadline: 1s
                  min_backoff: 100ms
                  max_backoff: 1s
            """;
        var file = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(file, config);
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
        {
            $"--config.file={file}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{FreePort()}", "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Binary}.");
        return new PrometheusServer(process, directory);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }
        process.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        output.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.WriteLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

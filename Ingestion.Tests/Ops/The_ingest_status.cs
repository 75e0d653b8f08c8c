using System.Net;
using System.Net.Sockets;
using System.Text;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

/// <summary>
/// <c>./ingest status</c> as an operator reads it while a worker starts or is stuck: the readiness column must say
/// <c>down</c> or the HTTP status, never a mix. Runs a copy of the script in a scratch folder whose <c>.run</c> names this
/// test process as worker-1 (alive, so status probes its port), so nothing of a real pipeline is touched.
/// </summary>
[TestFixture]
public sealed class The_ingest_status
{
    private string scratch = "";

    [SetUp]
    public void Copy_the_script()
    {
        scratch = Directory.CreateTempSubdirectory("ingest-status-").FullName;
        var root = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Parent!.Parent!.Parent!.FullName;
        File.Copy(Path.Combine(root, "ingest"), Path.Combine(scratch, "ingest"));
        Directory.CreateDirectory(Path.Combine(scratch, ".run"));
        File.WriteAllText(Path.Combine(scratch, ".run", "worker-1.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [TearDown]
    public void Remove_the_scratch_folder() => Directory.Delete(scratch, recursive: true);

    [Test]
    public async Task Says_down_for_a_worker_whose_port_does_not_answer()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var line = await WorkerLineAsync(port);

        Assert.That(line, Does.EndWith($"http://127.0.0.1:{port} ready=down"));
    }

    [Test]
    public async Task Shows_the_status_code_of_a_worker_that_answers_not_ready()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var answering = AnswerAsync(listener, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        var line = await WorkerLineAsync(port);

        Assert.That(line, Does.EndWith($"http://127.0.0.1:{port} ready=503"));
        await answering;
    }

    [Test]
    public async Task Reports_the_records_the_broker_dropped_since_the_workers_started()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        const string metrics = "# TYPE ingestion_kafka_truncated_total counter\n" +
            "ingestion_kafka_truncated_total{topic=\"metrics\",group=\"metrics_worker_group\"} 40\n" +
            "ingestion_kafka_truncated_total{topic=\"other\",group=\"metrics_worker_group\"} 2\n";
        var answering = Task.Run(async () =>
        {
            await AnswerAsync(listener, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            await AnswerAsync(listener, $"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {metrics.Length}\r\nConnection: close\r\n\r\n{metrics}");
        });

        var log = await StatusAsync(port);

        Assert.That(log, Does.Contain("Records lost since start (dropped by the embedded broker before a worker consumed them): 42"));
        Assert.That(log, Does.Contain("WARNING: 42 accepted records were lost"));
        await answering;
    }

    private async Task<string> WorkerLineAsync(int workerPort)
    {
        var log = await StatusAsync(workerPort);
        var line = log.Split('\n').SingleOrDefault(l => l.StartsWith("worker-1", StringComparison.Ordinal));
        Assert.That(line, Is.Not.Null, log);
        return line!.TrimEnd();
    }

    private async Task<string> StatusAsync(int workerPort)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (exitCode, log) = await ExternalProcess.RunAsync("bash", [Path.Combine(scratch, "ingest"), "status"], scratch, timeout.Token,
            new Dictionary<string, string> { ["INGEST_WORKER_BASE_PORT"] = (workerPort - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.That(exitCode, Is.EqualTo(0), log);
        return log;
    }

    private static async Task AnswerAsync(TcpListener listener, string response)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
    }
}

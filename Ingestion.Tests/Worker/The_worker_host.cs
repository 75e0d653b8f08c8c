using System.Diagnostics;
using System.Net;

namespace Ingestion.Tests.Worker;

public sealed class The_worker_host
{
    [Test]
    public async Task Serves_liveness_readiness_and_Prometheus_metrics_on_its_HTTP_port()
    {
        var settings = await WorkerSettings.CreateAsync("host-endpoints");
        await using var worker = await InProcessWorker.StartAsync(settings);

        using var live = await worker.Http.GetAsync(new Uri("/health/live", UriKind.Relative));
        var ready = await WaitForStatusAsync(worker.Http, "/health/ready", HttpStatusCode.OK);
        var metrics = await worker.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(metrics, Does.Contain("ingestion_worker_processed_total"));
            Assert.That(metrics, Does.Contain("ingestion_worker_dead_lettered_total"));
            Assert.That(metrics, Does.Contain("# TYPE ingestion_worker_consumer_lag gauge"));
        });
    }

    [Test]
    public async Task Exports_database_pool_metrics_without_the_connection_string()
    {
        var settings = await WorkerSettings.CreateAsync("host-pool-name");
        await using var worker = await InProcessWorker.StartAsync(settings);
        await WaitForStatusAsync(worker.Http, "/health/ready", HttpStatusCode.OK);

        var metrics = await worker.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var database = new Npgsql.NpgsqlConnectionStringBuilder(settings.ConnectionString).Database!;

        // Npgsql's meter is process-wide: the test's own admin connections (database "postgres") show up here too, so the
        // assertion is about this worker's database, which only its connection string names.
        Assert.Multiple(() =>
        {
            Assert.That(metrics, Does.Contain("db_client_connection_pool_name=\"ingestion-metrics\""));
            Assert.That(metrics, Does.Not.Contain(database));
        });
    }

    [Test]
    public async Task Logs_consumer_stats_as_a_structured_line_every_interval()
    {
        var settings = await WorkerSettings.CreateAsync("host-stats");
        await using var worker = await InProcessWorker.StartAsync(settings);

        var stopwatch = Stopwatch.StartNew();
        CapturedLogs.LogEntry? stats = null;
        while (stats is null && stopwatch.Elapsed < TimeSpan.FromSeconds(15))
        {
            stats = worker.Logs.Entries.FirstOrDefault(e => e.Text.StartsWith("consumer_stats ", StringComparison.Ordinal));
            await Task.Delay(100);
        }

        Assert.That(stats, Is.Not.Null, "no consumer_stats line within 15 s");
        Assert.Multiple(() =>
        {
            Assert.That(stats!.Text, Does.Match(@"^consumer_stats processed=\d+ failed=\d+ dlq=\d+ rate_per_sec=[\d.]+ avg_processing_ms=[\d.]+ lag=-?\d+ uptime_sec=\d+$"));
            Assert.That(stats.Properties.Keys, Is.SupersetOf(new[] { "Processed", "Failed", "Dlq", "RatePerSec", "AvgProcessingMs", "Lag", "UptimeSec" }));
        });
    }

    internal static async Task<HttpStatusCode> WaitForStatusAsync(HttpClient http, string path, HttpStatusCode expected)
    {
        var stopwatch = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            status = response.StatusCode;
            if (status == expected) break;
            await Task.Delay(200);
        }
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(20));
        return status;
    }
}

using Ingestion.Tests.EndToEnd;
using Npgsql;

namespace Ingestion.Tests.Receivers;

/// <summary>Debian's Prometheus scraping the API's and the worker's own /metrics and remote-writing them to the API.</summary>
[TestFixture]
public sealed class Receiving_from_prometheus
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test, CancelAfter(150_000)]
    public async Task Stores_the_scraped_up_and_ingestion_series_with_the_scrape_labels(CancellationToken cancellationToken)
    {
        Assert.That(File.Exists(PrometheusServer.Binary), Is.True, "Debian's prometheus package is required (./ingest test installs it).");
        await using var pipeline = await ReceiverPipeline.StartAsync("prom_rw");
        var api = pipeline.Api.Address;
        var worker = pipeline.Worker.Http.BaseAddress!;
        using var prometheus = PrometheusServer.Start(new Uri(api, "/api/v1/write"), ReceiverPipeline.ApiKey,
            new Dictionary<string, Uri> { ["ingestion-api"] = api, ["ingestion-worker"] = worker });

        var found = await WaitForAsync(pipeline.ConnectionString, prometheus, cancellationToken);
        var up = await StoredMetrics.ReadAsync(pipeline.ConnectionString, "up");

        Assert.Multiple(() =>
        {
            Assert.That(found, Is.True, $"up and ingestion_* rows within {Patience.TotalSeconds} s; Prometheus said:\n{prometheus.Log}");
            Assert.That(up.Select(r => (r.Labels["job"], r.Labels["instance"])).Distinct(),
                Is.SupersetOf(new[] { ("ingestion-api", api.Authority), ("ingestion-worker", worker.Authority) }), "the scrape's labels");
            Assert.That(up.Where(r => r.Labels["job"] == "ingestion-api").Select(r => r.Value), Has.Some.EqualTo(1.0));
        });
    }

    private static async Task<bool> WaitForAsync(string connectionString, PrometheusServer prometheus, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline && !prometheus.HasExited)
        {
            if (await CountAsync(connectionString, "SELECT count(DISTINCT labels->>'job') FROM metrics_with_series WHERE name = 'up'") >= 2
                && await CountAsync(connectionString, "SELECT count(*) FROM metrics_with_series WHERE name LIKE 'ingestion\\_%' AND labels->>'job' = 'ingestion-api'") > 0
                && await CountAsync(connectionString, "SELECT count(*) FROM metrics_with_series WHERE name LIKE 'ingestion\\_%' AND labels->>'job' = 'ingestion-worker'") > 0)
            {
                return true;
            }
            await Task.Delay(500, cancellationToken);
        }
        return false;
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }
}

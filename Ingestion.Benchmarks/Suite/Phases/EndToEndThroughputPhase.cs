using System.Globalization;
using System.Net;
using System.Text;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;
using Npgsql;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>
/// Phase 5: the whole pipeline (API, broker, one worker, PostgreSQL) as fast as it goes: a fixed number of metrics posted
/// through the batch endpoint (1,000 per request, 8 connections) while the worker stores them; rows/s from the first
/// acceptance to the last row (<c>max(ingested_at) - min(received_at)</c>, both PostgreSQL-side), the measure issue 17's
/// "end to end" goal names (the original design: 386 rows/s; goal about 77,000).
/// </summary>
internal static class EndToEndThroughputPhase
{
    private const string Topic = "metrics";
    private const int PerRequest = 1_000;
    private const int Connections = 8;
    // 300,000 metrics of ~250 bytes spread over 100 series: enough partitions that none nears the embedded broker's 5 MiB.
    private const int Partitions = 36;
    private const int WarmupMetrics = 200_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    public static async Task RunAsync(SuiteContext context)
    {
        var plan = context.Plan;
        var result = new PhaseResult
        {
            Key = "e2e-throughput", Title = $"End to end: {plan.EndToEndMetrics:N0} metrics through the batch endpoint until the last row",
            Method = $"API, embedded broker, one worker and PostgreSQL on this machine; {plan.EndToEndMetrics:N0} metrics of 100 series posted " +
                     $"{PerRequest:N0} per request over {Connections} connections as fast as the API answers, while the worker stores them; " +
                     "rows/s = rows / (last row's `ingested_at` - first row's `received_at`).",
        };
        context.Results.Phases.Add(result);
        context.Progress(result.Key, "starting the broker, the API and a worker");
        await using var pipeline = await Pipeline.StartAsync(context, (Topic, Partitions), (Topic + "_dlq", 1));
        var api = await pipeline.StartApiAsync(Topic);
        var worker = pipeline.StartWorker(Topic, Topic + "_dlq", context.WorkerPort);
        await worker.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{context.WorkerPort}/health/ready"), TimeSpan.FromSeconds(90));
        var url = new Uri($"http://127.0.0.1:{context.ApiPort}/api/v1/metrics/batch");
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var ledger = await pipeline.CpuLedgerAsync("load generator");

        // A warm-up (JIT, connections, partitions created), stored before the clock starts. 50,000 left the first run at
        // half the rate of the others, with twice the worker CPU per metric: tiered compilation was still at work.
        context.Progress(result.Key, $"warm-up: {WarmupMetrics:N0} metrics");
        var warmup = await PostAsync(client, url, "bench_tp_warmup", WarmupMetrics);
        await MetricsTable.WaitForRowsAsync(pipeline.Database, "bench_tp_warmup", warmup, Patience);
        // While a run is measured, the wait follows the worker's commits on the broker (not count(*) in the database being measured).
        using var progress = pipeline.WorkerProgress(Topic, Partitions);
        var committedBefore = progress.Committed();
        for (var run = 1; run <= plan.EndToEndRepetitions; run++)
        {
            var name = $"bench_tp_{run}";
            context.Progress(result.Key, $"run {run}/{plan.EndToEndRepetitions}: {plan.EndToEndMetrics:N0} metrics");
            var (apiCpu, workerCpu, before) = (api.CpuSeconds, worker.CpuSeconds, ledger.Read());
            var accepted = await PostAsync(client, url, name, plan.EndToEndMetrics);
            committedBefore = await progress.WaitForAsync(committedBefore + accepted, DateTime.UtcNow + Patience, TimeSpan.FromMilliseconds(100));
            var after = ledger.Read();
            var (rows, _) = await MetricsTable.WaitForRowsAsync(pipeline.Database, name, accepted, Patience);
            var (stored, distinct, seconds) = await SpanAsync(pipeline.Database, name);
            result.Measure("rows", "rows/s, first acceptance to last row", "rows/s", true).Add(stored / Math.Max(seconds, 1e-3));
            result.Measure("api-cpu", "API CPU per metric", "µs", false).Add((api.CpuSeconds - apiCpu) * 1e6 / Math.Max(1, accepted));
            result.Measure("worker-cpu", "worker CPU per metric", "µs", false).Add((worker.CpuSeconds - workerCpu) * 1e6 / Math.Max(1, rows));
            ledger.Record(result, before, after, rows);
            context.Check(result.Key, $"run {run}: metrics accepted of those posted", plan.EndToEndMetrics, accepted);
            context.Check(result.Key, $"run {run}: rows stored of the metrics accepted", accepted, stored);
            context.Check(result.Key, $"run {run}: duplicate rows (rows minus distinct ids)", 0, stored - distinct);
            context.Progress(result.Key, $"  {stored / Math.Max(seconds, 1e-3):F0} rows/s ({stored} rows in {seconds:F1} s)");
        }
        await pipeline.StopAsync(worker);
        await pipeline.StopAsync(api);
        context.Check(result.Key, "DLQ records", 0, TopicWatermarks.Read(pipeline.Broker.BootstrapServers, Topic + "_dlq").Records);
    }

    /// <summary>Posts <paramref name="total"/> metrics named <paramref name="name"/>; returns how many were accepted (202).</summary>
    private static async Task<long> PostAsync(HttpClient client, Uri url, string name, int total)
    {
        var body = Body(name);
        var requests = total / PerRequest;
        var next = -1;
        long accepted = 0;
        var senders = Enumerable.Range(0, Connections).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < requests)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(url, content);
                if (response.StatusCode == HttpStatusCode.Accepted)
                    Interlocked.Add(ref accepted, PerRequest);
            }
        });
        await Task.WhenAll(senders);
        return accepted;
    }

    // No ids in the body: the API gives each metric its own, so every request stores 1,000 new rows.
    private static byte[] Body(string name)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < PerRequest; i++)
        {
            if (i > 0) builder.Append(',');
            builder.Append(CultureInfo.InvariantCulture,
                $$$"""{"name":"{{{name}}}","value":{{{i}}}.5,"labels":{"host":"server-{{{i % 100:D2}}}","region":"eu"}}""");
        }
        return Encoding.UTF8.GetBytes(builder.Append(']').ToString());
    }

    private static async Task<(long Rows, long Distinct, double Seconds)> SpanAsync(string database, string name)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT id), extract(epoch FROM max(ingested_at) - min(received_at))::float8 FROM metrics_with_series WHERE name = @name",
            connection);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetDouble(2));
    }
}

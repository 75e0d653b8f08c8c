using Ingestion.Benchmarks.Api;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>
/// Phase 4: the whole pipeline (API, broker, one worker, PostgreSQL) at a fixed offered rate of single metrics; latency from
/// acceptance (<c>received_at</c>, set by the API before it produces) to the row (<c>ingested_at</c>, the insert
/// transaction's start), and every accepted metric must be stored exactly once. Twice: with today's defaults (12 partitions,
/// the API's 1 ms producer linger), and with the setup the end-to-end target was set with (3 partitions, 5 ms linger). The
/// embedded broker's fetch walks a partition's stored batches from the oldest (librdkafka's mock cluster keeps no offset
/// index), so its cost per record grows with the number of small batches it holds: docs/benchmarks.md says how much.
/// </summary>
internal static class EndToEndPhase
{
    private const string Topic = "metrics";

    /// <summary>Today's defaults: 12 partitions, the API's own producer linger (1 ms).</summary>
    public static Task RunAsync(SuiteContext context) => RunAsync(context, "e2e", "", 12, new Dictionary<string, string>());

    /// <summary>The setup the end-to-end target was measured with (2026-11-28): 3 partitions, a 5 ms producer linger.</summary>
    public static Task RunAtTargetSetupAsync(SuiteContext context) =>
        RunAsync(context, "e2e-3p", ", 3 partitions and 5 ms producer linger (the target's setup)", 3,
            new Dictionary<string, string> { ["Kafka__Linger"] = "00:00:00.005" });

    private static async Task RunAsync(SuiteContext context, string key, string setup, int partitions, IReadOnlyDictionary<string, string> apiSettings)
    {
        var plan = context.Plan;
        var result = new PhaseResult
        {
            Key = key, Title = $"End to end: {plan.OfferedRate:N0} single metrics/s offered{setup}, acceptance to row",
            Method = $"API, embedded broker ({partitions} partitions), one worker and PostgreSQL on this machine; the open-loop generator of phase 1 offers the rate " +
                     "(after a 5 s warm-up under another name, stored before the clock starts); latency per row is `ingested_at - received_at`. Standalone: `./ingest up && ./ingest bench e2e`.",
        };
        context.Results.Phases.Add(result);
        context.Progress(key, "starting the broker, the API and a worker");
        await using var pipeline = await Pipeline.StartAsync(context, (Topic, partitions), (Topic + "_dlq", 1));
        var api = await pipeline.StartApiAsync(Topic, apiSettings);
        var worker = pipeline.StartWorker(Topic, Topic + "_dlq", context.WorkerPort);
        await worker.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{context.WorkerPort}/health/ready"), TimeSpan.FromSeconds(90));
        var url = new Uri($"http://127.0.0.1:{context.ApiPort}/api/v1/metrics");
        context.Progress(key, "warm-up: 5 s at the offered rate, until the worker has stored it");
        var warmup = await ConstantRateLoad.MeasureAsync(url, plan.OfferedRate, 5, warmup: 0, connections: 64, name: "bench_e2e_warmup");
        await MetricsTable.WaitForRowsAsync(pipeline.Database, "bench_e2e_warmup", warmup.Accepted, TimeSpan.FromSeconds(60));
        var (apiCpu, workerCpu) = (api.CpuSeconds, worker.CpuSeconds);
        long accepted = 0, stored = 0;
        for (var run = 1; run <= plan.EndToEndRepetitions; run++)
        {
            var name = $"bench_e2e_{run}";
            context.Progress(key, $"run {run}/{plan.EndToEndRepetitions}: {plan.OfferedRate}/s for {plan.EndToEndSeconds} s");
            var load = await ConstantRateLoad.MeasureAsync(url, plan.OfferedRate, plan.EndToEndSeconds, warmup: 0, connections: 64, name: name);
            var (rows, distinct) = await MetricsTable.WaitForRowsAsync(pipeline.Database, name, load.Accepted, TimeSpan.FromSeconds(60));
            accepted += load.Accepted;
            stored += rows;
            var latency = await MetricsTable.AcceptanceToRowAsync(pipeline.Database, name);
            result.Measure("api.p99", "API answer p99", "ms", false).Add(load.P99);
            result.Measure("row.p50", "acceptance to row p50", "ms", false).Add(latency.P50);
            result.Measure("row.p90", "acceptance to row p90", "ms", false).Add(latency.P90);
            result.Measure("row.p99", "acceptance to row p99", "ms", false).Add(latency.P99);
            result.Measure("row.max", "acceptance to row max", "ms", false).Add(latency.Max);
            result.Measure("failed", "requests not answered 202", "requests", false).Add(load.NotAccepted + (load.Rate * load.Seconds - load.Completed));
            context.Check(key, $"run {run}: rows stored of the metrics accepted (202)", load.Accepted, rows);
            context.Check(key, $"run {run}: duplicate rows (rows minus distinct ids)", 0, rows - distinct);
            context.Progress(key, $"  acceptance to row p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms; {rows} of {load.Accepted} rows");
        }
        var phase = key == "e2e" ? "phase 4" : $"phase 4, {partitions} partitions";
        context.Resources.Measure($"{key}.api-cpu", $"API CPU per metric, whole pipeline ({phase})", "µs", false).Add((api.CpuSeconds - apiCpu) * 1e6 / Math.Max(1, accepted));
        context.Resources.Measure($"{key}.worker-cpu", $"worker CPU per metric, whole pipeline ({phase})", "µs", false).Add((worker.CpuSeconds - workerCpu) * 1e6 / Math.Max(1, stored));
        context.Resources.Measure($"{key}.api-rss", $"API peak resident memory ({phase})", "MiB", false).Add(api.PeakResidentMiB);
        context.Resources.Measure($"{key}.worker-rss", $"worker peak resident memory ({phase})", "MiB", false).Add(worker.PeakResidentMiB);
        await pipeline.StopAsync(worker);
        await pipeline.StopAsync(api);
        context.Check(key, "DLQ records", 0, TopicWatermarks.Read(pipeline.Broker.BootstrapServers, Topic + "_dlq").Records);
    }
}

using Ingestion.Benchmarks.Api;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>
/// Phase 4: the whole pipeline (API, broker, one worker, PostgreSQL) at a fixed offered rate of single metrics; latency from
/// acceptance (<c>received_at</c>, set by the API before it produces) to the row (<c>ingested_at</c>, the insert
/// transaction's start), and every accepted metric must be stored exactly once.
/// </summary>
internal static class EndToEndPhase
{
    private const string Topic = "metrics";

    public static async Task RunAsync(SuiteContext context)
    {
        var plan = context.Plan;
        var result = new PhaseResult
        {
            Key = "e2e", Title = $"End to end: {plan.OfferedRate:N0} single metrics/s offered, acceptance to row",
            Method = "API, embedded broker, one worker and PostgreSQL on this machine; the open-loop generator of phase 1 offers the rate " +
                     "(after a 5 s warm-up under another name, stored before the clock starts); latency per row is `ingested_at - received_at`. Standalone: `./ingest up && ./ingest bench e2e`.",
        };
        context.Results.Phases.Add(result);
        context.Progress("e2e", "starting the broker, the API and a worker");
        await using var pipeline = await Pipeline.StartAsync(context, (Topic, 12), (Topic + "_dlq", 1));
        var api = await pipeline.StartApiAsync(Topic);
        var worker = pipeline.StartWorker(Topic, Topic + "_dlq", context.WorkerPort);
        await worker.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{context.WorkerPort}/health/ready"), TimeSpan.FromSeconds(90));
        var url = new Uri($"http://127.0.0.1:{context.ApiPort}/api/v1/metrics");
        context.Progress("e2e", "warm-up: 5 s at the offered rate, until the worker has stored it");
        var warmup = await ConstantRateLoad.MeasureAsync(url, plan.OfferedRate, 5, warmup: 0, connections: 64, name: "bench_e2e_warmup");
        await MetricsTable.WaitForRowsAsync(pipeline.Database, "bench_e2e_warmup", warmup.Accepted, TimeSpan.FromSeconds(60));
        var (apiCpu, workerCpu) = (api.CpuSeconds, worker.CpuSeconds);
        long accepted = 0, stored = 0;
        for (var run = 1; run <= plan.EndToEndRepetitions; run++)
        {
            var name = $"bench_e2e_{run}";
            context.Progress("e2e", $"run {run}/{plan.EndToEndRepetitions}: {plan.OfferedRate}/s for {plan.EndToEndSeconds} s");
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
            context.Check("e2e", $"run {run}: rows stored of the metrics accepted (202)", load.Accepted, rows);
            context.Check("e2e", $"run {run}: duplicate rows (rows minus distinct ids)", 0, rows - distinct);
            context.Progress("e2e", $"  acceptance to row p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms; {rows} of {load.Accepted} rows");
        }
        context.Resources.Measure("e2e.api-cpu", "API CPU per metric, whole pipeline (phase 4)", "µs", false).Add((api.CpuSeconds - apiCpu) * 1e6 / Math.Max(1, accepted));
        context.Resources.Measure("e2e.worker-cpu", "worker CPU per metric, whole pipeline (phase 4)", "µs", false).Add((worker.CpuSeconds - workerCpu) * 1e6 / Math.Max(1, stored));
        context.Resources.Measure("e2e.api-rss", "API peak resident memory (phase 4)", "MiB", false).Add(api.PeakResidentMiB);
        context.Resources.Measure("e2e.worker-rss", "worker peak resident memory (phase 4)", "MiB", false).Add(worker.PeakResidentMiB);
        await pipeline.StopAsync(worker);
        await pipeline.StopAsync(api);
        context.Check("e2e", "DLQ records", 0, TopicWatermarks.Read(pipeline.Broker.BootstrapServers, Topic + "_dlq").Records);
    }
}

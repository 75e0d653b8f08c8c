using Ingestion.Benchmarks.Kafka;
using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;
using Ingestion.Benchmarks.Worker;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Producing;

namespace Ingestion.Benchmarks.Suite.Phases;

/// <summary>
/// Phase 3: one worker process draining a pre-filled topic into a fresh database. The clock runs from the first row after
/// the warm-up to the last (the rows' own <c>ingested_at</c>), so polling costs nothing measured.
/// </summary>
internal static class WorkerPhase
{
    /// <summary>
    /// Records pre-filled per partition. The embedded broker keeps 5 MiB per partition: about 95,000 of these metrics in
    /// whole 10,000-record lz4 batches (measured); spread thinly by series key, batches are smaller and compress worse.
    /// 25,000 leaves room for both and for an uneven spread; the run checks that nothing was truncated.
    /// </summary>
    internal const int RecordsPerPartition = 25_000;
    private const int MaxMessages = 3_000_000;
    private const string Topic = "bench-worker";

    public static async Task RunAsync(SuiteContext context)
    {
        var plan = context.Plan;
        var result = new PhaseResult
        {
            Key = "worker", Title = "Worker: Kafka to PostgreSQL, one worker draining a pre-filled topic",
            Method = $"A topic pre-filled with acknowledged metrics ({RecordsPerPartition:N0} per partition at most, so the embedded broker keeps them all), " +
                     $"then one worker process (Release) on a fresh database; the first {plan.WorkerWarmup:N0} rows are warm-up, the rate is " +
                     "the rows after them over the time between their insert transactions. Standalone: `./ingest bench worker --connection CS`.",
        };
        context.Results.Phases.Add(result);
        var messages = plan.WorkerMessages;
        for (var run = 1; run <= plan.WorkerRepetitions; run++)
        {
            var rate = await RunOnceAsync(context, result, run, messages);
            // Later runs pre-fill enough for the steady-state window the plan asks for, at the rate just measured.
            messages = (int)Math.Clamp(rate * (plan.WorkerSeconds + 5) + plan.WorkerWarmup, plan.WorkerMessages, MaxMessages) / 10_000 * 10_000;
        }
    }

    private static async Task<double> RunOnceAsync(SuiteContext context, PhaseResult result, int run, int messages)
    {
        var plan = context.Plan;
        var partitions = (messages + RecordsPerPartition - 1) / RecordsPerPartition;
        await using var pipeline = await Pipeline.StartAsync(context, (Topic, partitions), (Topic + "-dlq", 1));
        context.Progress("worker", $"run {run}/{plan.WorkerRepetitions}: pre-filling {messages:N0} metrics over {partitions} partitions");
        using (var client = new KafkaProducerClient(new KafkaOptions { BootstrapServers = pipeline.Broker.BootstrapServers }))
        {
            var producer = new KafkaTopicProducer<MetricRecorded>(client, Topic, SeriesKey.For, m => m.Id);
            // 40 series per partition, so the series keys spread the records evenly over the partitions.
            for (var start = 0; start < messages; start += 10_000)
                await producer.ProduceMany(SampleMetrics.Create(start, 10_000, series: partitions * 40));
        }
        var (onTopic, truncated) = TopicWatermarks.Read(pipeline.Broker.BootstrapServers, Topic);
        context.Check("worker", $"run {run}: records the embedded broker dropped before the worker read them (broker retention, not the pipeline)", 0, truncated);
        context.Check("worker", $"run {run}: records on the topic after the pre-fill", messages, onTopic);
        await BenchmarkDatabase.CheckpointAsync(pipeline.Database);

        context.Progress("worker", $"run {run}/{plan.WorkerRepetitions}: draining");
        var worker = pipeline.StartWorker(Topic, Topic + "-dlq", context.WorkerPort);
        var ledger = await pipeline.CpuLedgerAsync("progress polls");
        var deadline = DateTime.UtcNow.AddSeconds(60 + messages / 8_000);
        using var progress = pipeline.WorkerProgress(Topic, partitions);
        await progress.WaitForAsync(plan.WorkerWarmup + 1, deadline, TimeSpan.FromMilliseconds(200));
        var (cpuAtStart, before) = (worker.CpuSeconds, ledger.Read());
        var rowsAtStart = (await MetricsTable.CountAsync(pipeline.Database)).Rows;
        await progress.WaitForAsync(messages, deadline, TimeSpan.FromMilliseconds(200));
        var (cpuAtEnd, after) = (worker.CpuSeconds, ledger.Read());
        var rows = (await MetricsTable.CountAsync(pipeline.Database)).Rows;
        var cpuMicros = (cpuAtEnd - cpuAtStart) * 1e6 / Math.Max(1, rows - rowsAtStart);
        ledger.Record(result, before, after, rows - rowsAtStart);
        var peak = worker.PeakResidentMiB;
        await Task.Delay(1_000); // a poison record would reach the DLQ after the rows around it
        await pipeline.StopAsync(worker);

        var rate = await BenchmarkDatabase.IngestRateAsync(pipeline.Database, plan.WorkerWarmup);
        var perSecond = await MetricsTable.RowsPerSecondAsync(pipeline.Database);
        var (stored, distinct) = await MetricsTable.CountAsync(pipeline.Database);
        var window = (stored - plan.WorkerWarmup) / rate;
        result.Measure("mps", "metrics stored per second, steady state", "metrics/s", true).Add(rate);
        result.Measure("window", "measured window", "s", true).Add(window);
        result.Measure("metrics", "metrics pre-filled", "metrics", true).Add(messages);
        result.Series.Add(new TimeSeries($"run {run} ({partitions} partitions)", perSecond) { MarkAt = WarmupEnd(perSecond, plan.WorkerWarmup), Mark = "end of warm-up" });
        context.Resources.Measure("worker.rss", "worker peak resident memory (phase 3)", "MiB", false).Add(peak);
        context.Resources.Measure("worker.cpu", "worker CPU per stored metric (phase 3)", "µs", false).Add(cpuMicros);
        context.Check("worker", $"run {run}: rows stored of the metrics pre-filled", messages, stored);
        context.Check("worker", $"run {run}: duplicate rows (rows minus distinct ids)", 0, stored - distinct);
        context.Check("worker", $"run {run}: DLQ records", 0, TopicWatermarks.Read(pipeline.Broker.BootstrapServers, Topic + "-dlq").Records);
        context.Progress("worker", $"  {rate:F0} metrics/s over {window:F0} s, {cpuMicros:F1} µs worker CPU/metric, peak {peak:F0} MiB");
        return rate;
    }

    private static double? WarmupEnd(List<double> perSecond, int warmup)
    {
        double stored = 0;
        for (var second = 0; second < perSecond.Count; second++)
            if ((stored += perSecond[second]) >= warmup) return second + 1;
        return null;
    }
}

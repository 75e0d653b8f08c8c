using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ingestion.Kafka.Diagnostics;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Statistics;

/// <summary>
/// The worker's running totals, shared by the <c>consumer_stats</c> log line and the <c>Ingestion.Worker</c> meter
/// (exported in Prometheus format at <c>/metrics</c>). Updated once per batch, never per message. Each record counts once
/// in <c>processed</c>, when its fate is settled: stored (new or already present, counted by the batch that wrote it) or
/// dead-lettered (whatever the reason, counted from the rider's <c>ingestion.kafka.dead_lettered</c> for this topic and
/// group, since the rider's error pipe writes every dead letter). <c>failed</c> counts the metrics of each try that failed
/// for the infrastructure (retried or redelivered); a batch that fails for a row's own data is not counted there (the
/// rider isolates the row, and every record ends stored or dead-lettered).
/// </summary>
public sealed class WorkerStatistics : IDisposable
{
    public const string MeterName = "Ingestion.Worker";

    private readonly long startedAt = Stopwatch.GetTimestamp();
    private readonly Histogram<double> batchDuration;
    private long processed;
    private long persisted;
    private long failed;
    private long deadLettered;
    private long batches;
    private long batchTicks;
    private long lag = -1;
    private KeyValuePair<int, long>[] partitionLags = [];
    private readonly MeterListener riderListener = new();

    public WorkerStatistics(IMeterFactory meters, IOptions<WorkerOptions> options, RiderBlockage? blockage = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(options);
        var worker = options.Value;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("ingestion.worker.processed", () => Volatile.Read(ref processed), "{metric}", "Metrics completed, each once: stored (new or already present) or dead-lettered.");
        meter.CreateObservableCounter("ingestion.worker.persisted", () => Volatile.Read(ref persisted), "{row}", "New rows written to PostgreSQL.");
        meter.CreateObservableCounter("ingestion.worker.failed", () => Volatile.Read(ref failed), "{metric}", "Metrics of batch tries that failed for the infrastructure (each such try counts; retried or redelivered).");
        meter.CreateObservableCounter("ingestion.worker.dead_lettered", () => Volatile.Read(ref deadLettered), "{metric}", "Records of the worker's topic written to the dead-letter topic (any reason), each once.");
        meter.CreateObservableGauge("ingestion.worker.consumer_lag", () => Math.Max(0, Volatile.Read(ref lag)), "{record}", "Records on the topic not yet committed by the group, all partitions.");
        meter.CreateObservableGauge("ingestion.worker.partition_lag", ObservePartitionLags, "{record}", "Records not yet committed by the group, per partition.");
        meter.CreateObservableGauge("ingestion.worker.lag_over_threshold", () => Volatile.Read(ref lag) > worker.LagWarningThreshold ? 1 : 0, null,
            "1 while the total lag exceeds Worker:LagWarningThreshold.");
        meter.CreateObservableGauge("ingestion.worker.blocked", () => blockage?.BlockedSeconds() ?? 0, "s",
            "Seconds the worker has waited out an infrastructure fault (records held and redelivered, nothing dead-lettered); 0 when not blocked.");
        ListenToRiderDeadLetters(worker.Topic, worker.GroupId);
        batchDuration = meter.CreateHistogram<double>("ingestion.worker.batch.duration", "ms", "Time to validate and write one batch.");
    }

    public void Dispose() => riderListener.Dispose();

    private void ListenToRiderDeadLetters(string topic, string group)
    {
        riderListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KafkaMetrics.MeterName && instrument.Name == "ingestion.kafka.dead_lettered")
                listener.EnableMeasurementEvents(instrument);
        };
        riderListener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string? measuredTopic = null, measuredGroup = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "topic") measuredTopic = tag.Value as string;
                else if (tag.Key == "group") measuredGroup = tag.Value as string;
            }
            if (measuredTopic == topic && measuredGroup == group)
            {
                Interlocked.Add(ref deadLettered, value);
                Interlocked.Add(ref processed, value);
            }
        });
        riderListener.Start();
    }

    public TimeSpan Uptime => Stopwatch.GetElapsedTime(startedAt);

    /// <summary>A batch was written: <paramref name="stored"/> metrics stored, of which <paramref name="inserted"/> were new rows.</summary>
    public void BatchCompleted(int stored, int inserted, TimeSpan elapsed)
    {
        Interlocked.Add(ref processed, stored);
        Interlocked.Add(ref persisted, inserted);
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref batchTicks, elapsed.Ticks);
        batchDuration.Record(elapsed.TotalMilliseconds);
    }

    /// <summary>A try of a batch of <paramref name="messages"/> failed for the infrastructure (it will be retried or redelivered).</summary>
    public void BatchFailed(int messages) => Interlocked.Add(ref failed, messages);

    /// <summary>The group's lag per partition, as last measured.</summary>
    public void LagMeasured(IReadOnlyDictionary<int, long> byPartition)
    {
        ArgumentNullException.ThrowIfNull(byPartition);
        Volatile.Write(ref partitionLags, [.. byPartition]);
        Volatile.Write(ref lag, byPartition.Values.Sum());
    }

    private IEnumerable<Measurement<long>> ObservePartitionLags() =>
        Volatile.Read(ref partitionLags).Select(p => new Measurement<long>(p.Value, new KeyValuePair<string, object?>("partition", p.Key)));

    public WorkerStatisticsSnapshot Snapshot() => new(
        Volatile.Read(ref processed), Volatile.Read(ref persisted), Volatile.Read(ref failed), Volatile.Read(ref deadLettered),
        Volatile.Read(ref batches), TimeSpan.FromTicks(Volatile.Read(ref batchTicks)), Volatile.Read(ref lag), Uptime);
}

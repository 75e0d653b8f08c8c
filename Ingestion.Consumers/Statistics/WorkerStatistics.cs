using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ingestion.Kafka.Diagnostics;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Statistics;

/// <summary>
/// The worker's running totals, shared by the <c>consumer_stats</c> log line and the <c>Ingestion.Worker</c> meter
/// (exported in Prometheus format at <c>/metrics</c>). Updated once per batch, never per message. Dead letters also count
/// the records the rider forwarded itself (undeserialisable ones never reach the consumer), read from its meter.
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
        meter.CreateObservableCounter("ingestion.worker.processed", () => Volatile.Read(ref processed), "{metric}", "Metrics consumed and completed (persisted, already present, or dead-lettered).");
        meter.CreateObservableCounter("ingestion.worker.persisted", () => Volatile.Read(ref persisted), "{row}", "New rows written to PostgreSQL.");
        meter.CreateObservableCounter("ingestion.worker.failed", () => Volatile.Read(ref failed), "{metric}", "Metrics in batches that failed and were left to retry or redelivery.");
        meter.CreateObservableCounter("ingestion.worker.dead_lettered", () => Volatile.Read(ref deadLettered), "{metric}", "Metrics the worker sent to the dead-letter topic.");
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
                Interlocked.Add(ref deadLettered, value);
        });
        riderListener.Start();
    }

    public TimeSpan Uptime => Stopwatch.GetElapsedTime(startedAt);

    /// <summary>A batch completed: <paramref name="messages"/> consumed, of which <paramref name="inserted"/> were new rows.</summary>
    public void BatchCompleted(int messages, int inserted, TimeSpan elapsed)
    {
        Interlocked.Add(ref processed, messages);
        Interlocked.Add(ref persisted, inserted);
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref batchTicks, elapsed.Ticks);
        batchDuration.Record(elapsed.TotalMilliseconds);
    }

    /// <summary>A batch of <paramref name="messages"/> failed (it will be retried or redelivered).</summary>
    public void BatchFailed(int messages) => Interlocked.Add(ref failed, messages);

    public void DeadLettered() => Interlocked.Increment(ref deadLettered);

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

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ingestion.Kafka.Producing;
using Ingestion.Kafka.Riding;

namespace Ingestion.Kafka.Diagnostics;

/// <summary>
/// The rider's instruments on meter <c>Ingestion.Kafka</c> (export them with OpenTelemetry's <c>AddMeter(KafkaMetrics.MeterName)</c>).
/// Every measurement carries <c>topic</c> and <c>group</c>; lag also <c>partition</c>.
/// </summary>
public static class KafkaMetrics
{
    public const string MeterName = "Ingestion.Kafka";

    /// <summary>The activity source of the consume spans (one per dispatched record, child of the producer's traceparent).</summary>
    public const string ActivitySourceName = "Ingestion.Kafka";

    internal static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<IKafkaTopicEndpoint, byte> Endpoints = new();
    private static readonly ConcurrentDictionary<KafkaProducerClient, byte> Producers = new();

    internal static readonly Counter<long> Consumed = Meter.CreateCounter<long>("ingestion.kafka.consumed", "{message}", "Records dispatched for the first time.");
    internal static readonly Counter<long> Dispatched = Meter.CreateCounter<long>("ingestion.kafka.dispatches", "{dispatch}",
        "First dispatches of windows into the endpoint's pipeline; windows of several partitions combined into one count once.");
    internal static readonly Counter<long> Succeeded = Meter.CreateCounter<long>("ingestion.kafka.succeeded", "{message}", "Records whose pipeline completed (committable).");
    internal static readonly Counter<long> Retried = Meter.CreateCounter<long>("ingestion.kafka.retried", "{message}", "Records re-dispatched at once to isolate a failed batch.");
    internal static readonly Counter<long> Redelivered = Meter.CreateCounter<long>("ingestion.kafka.redelivered", "{message}", "Records re-dispatched after a redelivery delay.");
    internal static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("ingestion.kafka.dead_lettered", "{message}", "Records forwarded to the dead-letter topic.");
    internal static readonly Counter<long> PartitionRestarts = Meter.CreateCounter<long>("ingestion.kafka.partition_restarts", "{restart}",
        "Partition processing restarted from its last completed offset after an unexpected exception.");
    internal static readonly Counter<long> Truncated = Meter.CreateCounter<long>("ingestion.kafka.truncated", "{message}", "Records the broker dropped before the group committed them (retention).");

    internal static readonly Histogram<double> ProcessingTime = Meter.CreateHistogram<double>("ingestion.kafka.processing_time", "ms",
        "Time to complete one dispatch window: one record at delivery limit 1, otherwise up to the limit (a batch).");

    static KafkaMetrics()
    {
        Meter.CreateObservableGauge("ingestion.kafka.lag", ObserveLag, "{message}", "High watermark minus the committed offset, per partition.");
        // No unit, so Prometheus exports it as ingestion_kafka_producer_breaker_open.
        Meter.CreateObservableGauge("ingestion.kafka.producer.breaker_open", () => Producers.Keys.Any(p => p.BreakerOpen) ? 1 : 0,
            unit: null, description: "1 while the produce circuit breaker is open (produces fail at once with 503), else 0.");
    }

    internal static void Track(KafkaProducerClient producer) => Producers.TryAdd(producer, 0);

    internal static void Untrack(KafkaProducerClient producer) => Producers.TryRemove(producer, out _);

    internal static void Track(IKafkaTopicEndpoint endpoint) => Endpoints.TryAdd(endpoint, 0);

    internal static void Untrack(IKafkaTopicEndpoint endpoint) => Endpoints.TryRemove(endpoint, out _);

    internal static TagList Tags(string topic, string group) => new() { { "topic", topic }, { "group", group } };

    private static IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var endpoint in Endpoints.Keys)
        {
            if (endpoint is not Consuming.KafkaTopicEndpoint kafka) continue;
            foreach (var (partition, lag) in kafka.Lag())
                yield return new Measurement<long>(lag, new KeyValuePair<string, object?>("topic", endpoint.Topic),
                    new KeyValuePair<string, object?>("group", endpoint.GroupId), new KeyValuePair<string, object?>("partition", partition));
        }
    }
}

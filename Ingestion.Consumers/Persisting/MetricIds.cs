using Ingestion.Kafka.DeadLettering;
using Ingestion.Storage.Writing;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// The id a consumed metric is stored under, so a redelivered or replayed record is one row: the id the API (or any
/// producer) assigned when the metric has one; for an id-less metric replayed from the DLQ, an id derived from the DLQ record
/// it came from and the original key and value (not from where the copy landed, so replaying the same DLQ record twice is
/// still one row, and a different DLQ record at a reused offset is not); for any other id-less metric, an id derived from
/// its own record (topic, partition, offset, timestamp, key, value).
/// </summary>
public static class MetricIds
{
    public static Guid For(in IncomingMetric incoming)
    {
        if (incoming.Metric.Id is { } assigned) return assigned;
        var hasKey = incoming.Key is not null;
        if (ReplayHeaders.TryGetOrigin(incoming.Headers, out var topic, out var partition, out var offset))
            return DeterministicMetricId.For(topic, partition, offset, timestampMs: 0, incoming.Key, incoming.Value, hasKey);
        return DeterministicMetricId.For(incoming.Topic, incoming.Partition, incoming.Offset, incoming.TimestampMs, incoming.Key, incoming.Value, hasKey);
    }
}

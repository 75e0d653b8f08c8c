using Ingestion.Contracts;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// A consumed metric and the record it came from: its coordinates (for error logs) and what makes it this record (its
/// timestamp, key and value, from which an id-less metric gets its deterministic id).
/// </summary>
public readonly record struct IncomingMetric(MetricRecorded Metric, string Topic, int Partition, long Offset)
{
    /// <summary>The record timestamp in Unix milliseconds.</summary>
    public long TimestampMs { get; init; }

    /// <summary>The record key as written (null for a record without one).</summary>
    public byte[]? Key { get; init; }

    /// <summary>The record value exactly as stored.</summary>
    public byte[] Value { get; init; } = [];

    /// <summary>The record headers (a replayed record's say where it came from).</summary>
    public Confluent.Kafka.Headers? Headers { get; init; }
}

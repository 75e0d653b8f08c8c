using System.Collections.Concurrent;
using Confluent.Kafka;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// What one producer handed to each topic so far: records and their bytes (key, value and headers, before compression).
/// Admission control reads the average record size from it to estimate what a backlog of records occupies on a broker
/// that keeps a fixed number of bytes per partition (the embedded one).
/// </summary>
public sealed class ProducedVolume
{
    private readonly ConcurrentDictionary<string, Totals> topics = new(StringComparer.Ordinal);

    /// <summary>The average bytes of a record produced to <paramref name="topic"/>, or null before the first one.</summary>
    public double? AverageRecordBytes(string topic)
    {
        if (!topics.TryGetValue(topic, out var totals)) return null;
        var records = Interlocked.Read(ref totals.Records);
        return records == 0 ? null : (double)Interlocked.Read(ref totals.Bytes) / records;
    }

    internal void Add(string topic, Message<byte[]?, byte[]> message)
    {
        var totals = topics.GetOrAdd(topic, static _ => new Totals());
        Interlocked.Add(ref totals.Bytes, SizeOf(message));
        Interlocked.Increment(ref totals.Records);
    }

    internal void Add(string topic, IReadOnlyList<Message<byte[]?, byte[]>> messages)
    {
        long bytes = 0;
        for (var i = 0; i < messages.Count; i++)
            bytes += SizeOf(messages[i]);
        var totals = topics.GetOrAdd(topic, static _ => new Totals());
        Interlocked.Add(ref totals.Bytes, bytes);
        Interlocked.Add(ref totals.Records, messages.Count);
    }

    private static long SizeOf(Message<byte[]?, byte[]> message)
    {
        long size = (message.Key?.Length ?? 0) + (message.Value?.Length ?? 0);
        if (message.Headers is { } headers)
        {
            foreach (var header in headers)
                size += header.Key.Length + (header.GetValueBytes()?.Length ?? 0);
        }
        return size;
    }

    private sealed class Totals
    {
        public long Records;
        public long Bytes;
    }
}

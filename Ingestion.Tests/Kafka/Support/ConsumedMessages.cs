using System.Collections.Concurrent;
using Ingestion.Contracts;
using Ingestion.Kafka.Consuming;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>What the test consumers saw, and how they should behave (one instance per test host).</summary>
public sealed class ConsumedMessages
{
    private readonly ConcurrentDictionary<string, int> attempts = new();

    public ConcurrentQueue<ConsumedMessage> Messages { get; } = new();

    public ConcurrentQueue<int> BatchSizes { get; } = new();

    /// <summary>Each batch a batch consumer completed, as its members' Kafka coordinates in batch order.</summary>
    public ConcurrentQueue<IReadOnlyList<KafkaRecordContext>> Batches { get; } = new();

    /// <summary>The message types <see cref="RecordingConsumeFilter{T}"/> saw, in order.</summary>
    public ConcurrentQueue<Type> FilteredMessageTypes { get; } = new();

    /// <summary>Runs before a message counts as consumed; throw to fail it. Gets the message and its attempt number.</summary>
    public Func<MetricRecorded, int, Task>? Behavior { get; set; }

    public int Attempts(string name) => attempts.GetValueOrDefault(name);

    internal async Task Consume(MetricRecorded message, KafkaRecordContext record, string? traceId = null)
    {
        var attempt = attempts.AddOrUpdate(message.Name, 1, (_, n) => n + 1);
        if (Behavior is { } behavior) await behavior(message, attempt);
        Messages.Enqueue(new ConsumedMessage(message, record.Partition, record.Offset, record.Key, traceId));
    }
}

public sealed record ConsumedMessage(MetricRecorded Message, int Partition, long Offset, string? Key, string? TraceId);

using Confluent.Kafka;
using Ingestion.Kafka.Native;
using Ingestion.Kafka.Provisioning;

namespace Ingestion.Kafka.DeadLettering.Reading;

/// <summary>
/// Reads the end of the dead-letter topic by assignment: the depth from the watermarks and the newest records of every
/// partition, merged newest first. It never joins or commits for a group, so it moves no replay position.
/// </summary>
/// <param name="clientConfig">Connection settings (bootstrap servers, security); the reader adds its own consumer settings.</param>
public sealed class DeadLetterTailReader(ClientConfig clientConfig)
{
    /// <summary>The most records one read returns.</summary>
    public const int MaxLimit = 200;

    /// <summary>How long each broker request, and the whole fetch of one partition's tail, may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Reads the depth of <paramref name="topic"/> and its newest <paramref name="limit"/> records (0 reads only the depth).</summary>
    /// <exception cref="TopicNotFoundException">The topic does not exist.</exception>
    /// <exception cref="KafkaException">The broker could not be reached or answered with an error.</exception>
    public Task<DeadLetterTail> ReadAsync(string topic, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        // Confluent's consumer calls block; keep them off the caller's thread.
        return Task.Run(() => Read(topic, limit, cancellationToken), cancellationToken);
    }

    private DeadLetterTail Read(string topic, int limit, CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ConsumerConfig(new Dictionary<string, string>(clientConfig))
        {
            // Required by the client; never used: the reader assigns partitions and never commits.
            GroupId = "ingestion-dlq-tail",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AllowAutoCreateTopics = false,
            EnablePartitionEof = true,
            // The embedded broker answers a fetch only when this expires (librdkafka's default 500 ms per partition read).
            FetchWaitMaxMs = 50,
            ClientId = "ingestion-dlq-tail",
        };
        using var consumer = new ConsumerBuilder<Ignore, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();

        var depth = 0L;
        var latest = new List<DeadLetterTailEntry>();
        foreach (var partition in TopicLookup.Partitions(admin, topic, RequestTimeout))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var topicPartition = new TopicPartition(topic, partition);
            var watermarks = consumer.QueryWatermarkOffsets(topicPartition, RequestTimeout);
            depth += watermarks.High.Value - watermarks.Low.Value;
            var from = Math.Max(watermarks.Low.Value, watermarks.High.Value - limit);
            if (limit > 0 && from < watermarks.High.Value)
                latest.AddRange(ReadRange(consumer, topicPartition, from, watermarks.High.Value, cancellationToken));
        }
        var newest = latest.OrderByDescending(entry => entry.DeadLetteredAt).ThenByDescending(entry => entry.Offset).Take(limit).ToList();
        return new DeadLetterTail(topic, depth, newest);
    }

    private List<DeadLetterTailEntry> ReadRange(
        IConsumer<Ignore, byte[]?> consumer, TopicPartition partition, long from, long to, CancellationToken cancellationToken)
    {
        var entries = new List<DeadLetterTailEntry>((int)(to - from));
        consumer.Assign(new TopicPartitionOffset(partition, from));
        var deadline = DateTime.UtcNow + RequestTimeout;
        try
        {
            while (DateTime.UtcNow < deadline)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null) continue;
                if (result.IsPartitionEOF) break;
                var record = DeadLetterRecordParser.Parse(result.Message.Value ?? [], out var error);
                entries.Add(new DeadLetterTailEntry(result.Partition.Value, result.Offset.Value, result.Message.Timestamp.UtcDateTime, record, error));
                if (result.Offset.Value + 1 >= to) break;
            }
        }
        finally
        {
            consumer.Unassign();
        }
        return entries;
    }
}

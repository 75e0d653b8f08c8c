using Confluent.Kafka;
using Ingestion.Kafka.DeadLettering.Reading;
using Ingestion.Kafka.Native;
using Ingestion.Kafka.Provisioning;

namespace Ingestion.Ops.DeadLetters;

/// <summary>
/// Reads the dead-letter topic by assignment (never joining a group), partition by partition in offset order, up to the high
/// watermarks seen when it opened. Commits go to the replay group, whose position is the replay cursor.
/// </summary>
internal sealed class DeadLetterTopic : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StallTimeout = TimeSpan.FromSeconds(15);

    private readonly IConsumer<byte[]?, byte[]?> consumer;

    private DeadLetterTopic(string topic, IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<PartitionRange> ranges)
    {
        Topic = topic;
        this.consumer = consumer;
        Ranges = ranges;
    }

    public string Topic { get; }

    public IReadOnlyList<PartitionRange> Ranges { get; }

    public static DeadLetterTopic Open(ClientConfig clientConfig, string topic, string replayGroup)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ConsumerConfig(new Dictionary<string, string>(clientConfig))
        {
            GroupId = replayGroup,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AllowAutoCreateTopics = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            ClientId = "ingestion-ops-dlq",
        };
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        try
        {
            using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
            var partitions = TopicLookup.Partitions(admin, topic, RequestTimeout)
                .Select(partition => new TopicPartition(topic, partition)).ToList();
            var committed = consumer.Committed(partitions, RequestTimeout).ToDictionary(offset => offset.Partition.Value, offset => offset.Offset);
            var ranges = partitions.Select(partition =>
            {
                var watermarks = consumer.QueryWatermarkOffsets(partition, RequestTimeout);
                var position = committed.GetValueOrDefault(partition.Partition.Value, Offset.Unset);
                return new PartitionRange(partition.Partition.Value, watermarks.Low.Value, watermarks.High.Value, position.IsSpecial ? null : position.Value);
            }).ToList();
            return new DeadLetterTopic(topic, consumer, ranges);
        }
        catch
        {
            consumer.Dispose();
            throw;
        }
    }

    /// <summary>Every record from <paramref name="start"/> (per partition) to the high watermark seen at open.</summary>
    public IEnumerable<DeadLetterEntry> Read(Func<PartitionRange, long> start, CancellationToken cancellationToken)
    {
        foreach (var range in Ranges)
        {
            var from = Math.Max(start(range), range.Low);
            if (from >= range.High) continue;
            consumer.Assign(new TopicPartitionOffset(Topic, range.Partition, from));
            var lastProgress = DateTime.UtcNow;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = consumer.Consume(TimeSpan.FromMilliseconds(250));
                if (result is null)
                {
                    if (DateTime.UtcNow - lastProgress > StallTimeout)
                        throw new OpsException($"Reading {Topic} partition {range.Partition} stalled: no record arrived for {StallTimeout.TotalSeconds:0} s.");
                    continue;
                }
                lastProgress = DateTime.UtcNow;
                if (result.IsPartitionEOF) break;
                yield return ToEntry(result);
                if (result.Offset.Value + 1 >= range.High) break;
            }
            consumer.Unassign();
        }
    }

    /// <summary>The record at one position, or null when the partition does not hold that offset.</summary>
    public DeadLetterEntry? ReadOne(DeadLetterPosition position, CancellationToken cancellationToken)
    {
        var range = Ranges.FirstOrDefault(candidate => candidate.Partition == position.Partition);
        if (range is null || position.Offset < range.Low || position.Offset >= range.High) return null;
        return Read(candidate => candidate.Partition == position.Partition ? position.Offset : candidate.High, cancellationToken)
            .FirstOrDefault(entry => entry.Offset >= position.Offset) is { } entry && entry.Offset == position.Offset ? entry : null;
    }

    /// <summary>Moves the replay group's position in <paramref name="partition"/> to <paramref name="nextOffset"/>.</summary>
    public void CommitReplayPosition(int partition, long nextOffset) =>
        consumer.Commit([new TopicPartitionOffset(Topic, partition, nextOffset)]);

    public void Dispose()
    {
        consumer.Close();
        consumer.Dispose();
    }

    private static DeadLetterEntry ToEntry(ConsumeResult<byte[]?, byte[]?> result)
    {
        var value = result.Message.Value ?? [];
        var record = DeadLetterRecordParser.Parse(value, out var error);
        var headers = result.Message.Headers?.Select(header => KeyValuePair.Create(header.Key, header.GetValueBytes())).ToList() ?? [];
        return new DeadLetterEntry(result.Partition.Value, result.Offset.Value, result.Message.Timestamp.UtcDateTime, result.Message.Key,
            headers, value, record, error);
    }
}

using Confluent.Kafka;
using Ingestion.Kafka.Native;
using Ingestion.Kafka.Provisioning;

namespace Ingestion.Kafka.Lag;

/// <summary>
/// Reads a consumer group's committed offsets and the topic's watermarks, without joining the group (works on real Kafka and
/// on the embedded broker, which supports OffsetFetch and ListOffsets but not every admin call).
/// </summary>
/// <param name="clientConfig">Connection settings (bootstrap servers, security); the reader adds its own consumer settings.</param>
public sealed class ConsumerGroupLagReader(ClientConfig clientConfig)
{
    /// <summary>How long each broker request may take before the read fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads <paramref name="group"/>'s lag on every partition of <paramref name="topic"/>.</summary>
    /// <exception cref="TopicNotFoundException">The topic does not exist.</exception>
    /// <exception cref="KafkaException">The broker could not be reached or answered with an error.</exception>
    public Task<ConsumerGroupLag> ReadAsync(string group, string topic, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        // Confluent's consumer calls block; keep them off the caller's thread.
        return Task.Run(() => Read(group, topic, cancellationToken), cancellationToken);
    }

    private ConsumerGroupLag Read(string group, string topic, CancellationToken cancellationToken)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ConsumerConfig(new Dictionary<string, string>(clientConfig))
        {
            // The group id only selects whose offsets OffsetFetch returns: this consumer never subscribes, so it never joins.
            GroupId = group,
            EnableAutoCommit = false,
            AllowAutoCreateTopics = false,
            ClientId = "ingestion-lag-reader",
        };
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build();
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();

        var partitions = TopicLookup.Partitions(admin, topic, RequestTimeout);
        var topicPartitions = partitions.Select(partition => new TopicPartition(topic, partition)).ToList();
        var committed = consumer.Committed(topicPartitions, RequestTimeout)
            .ToDictionary(offset => offset.Partition.Value, offset => offset.Offset);

        var result = new List<PartitionLag>(topicPartitions.Count);
        foreach (var topicPartition in topicPartitions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var watermarks = consumer.QueryWatermarkOffsets(topicPartition, RequestTimeout);
            var offset = committed.GetValueOrDefault(topicPartition.Partition.Value, Offset.Unset);
            result.Add(new PartitionLag(topicPartition.Partition.Value, offset.IsSpecial ? null : offset.Value,
                watermarks.Low.Value, watermarks.High.Value));
        }
        return new ConsumerGroupLag(group, topic, result);
    }
}

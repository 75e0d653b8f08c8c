using Confluent.Kafka;
using Ingestion.Kafka.Native;
using Ingestion.Kafka.Provisioning;

namespace Ingestion.Kafka.Lag;

/// <summary>
/// Reads one consumer group's lag on one topic again and again through one long-lived client (for reads every few hundred
/// milliseconds, where <see cref="ConsumerGroupLagReader"/> would build a client per read). It never joins the group:
/// committed offsets come from OffsetFetch, watermarks from ListOffsets. The partition list is refreshed now and then.
/// Not thread-safe: one reader at a time.
/// </summary>
public sealed class ConsumerGroupLagWatcher : IDisposable
{
    private static readonly TimeSpan PartitionRefresh = TimeSpan.FromSeconds(30);

    private readonly IConsumer<Ignore, Ignore> consumer;
    private readonly IAdminClient admin;
    private readonly string group;
    private readonly string topic;
    private List<TopicPartition> partitions = [];
    private DateTime partitionsReadAt = DateTime.MinValue;

    /// <param name="clientConfig">Connection settings (bootstrap servers, security); the watcher adds its own consumer settings.</param>
    /// <param name="group">The consumer group whose committed offsets count.</param>
    /// <param name="topic">The topic.</param>
    public ConsumerGroupLagWatcher(ClientConfig clientConfig, string group, string topic)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        KafkaNativeLibrary.EnsureLoaded();
        this.group = group;
        this.topic = topic;
        var config = new ConsumerConfig(new Dictionary<string, string>(clientConfig))
        {
            GroupId = group,
            EnableAutoCommit = false,
            AllowAutoCreateTopics = false,
            ClientId = "ingestion-lag-watcher",
        };
        consumer = new ConsumerBuilder<Ignore, Ignore>(config).SetLogHandler((_, _) => { }).Build();
        admin = new DependentAdminClientBuilder(consumer.Handle).Build();
    }

    /// <summary>How long each broker request may take before the read fails.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The group's lag on every partition of the topic, now (blocking).</summary>
    /// <exception cref="TopicNotFoundException">The topic does not exist.</exception>
    /// <exception cref="KafkaException">The broker could not be reached or answered with an error.</exception>
    public ConsumerGroupLag Read()
    {
        if (DateTime.UtcNow - partitionsReadAt > PartitionRefresh)
        {
            partitions = [.. TopicLookup.Partitions(admin, topic, RequestTimeout).Select(p => new TopicPartition(topic, p))];
            partitionsReadAt = DateTime.UtcNow;
        }
        var committed = consumer.Committed(partitions, RequestTimeout).ToDictionary(o => o.Partition.Value, o => o.Offset);
        var result = new List<PartitionLag>(partitions.Count);
        foreach (var partition in partitions)
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, RequestTimeout);
            var offset = committed.GetValueOrDefault(partition.Partition.Value, Offset.Unset);
            result.Add(new PartitionLag(partition.Partition.Value, offset.IsSpecial ? null : offset.Value, watermarks.Low.Value, watermarks.High.Value));
        }
        return new ConsumerGroupLag(group, topic, result);
    }

    public void Dispose()
    {
        admin.Dispose();
        consumer.Dispose();
    }
}

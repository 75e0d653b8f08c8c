using Confluent.Kafka;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>
/// How many records a topic holds and whether the embedded broker dropped any (a log start offset above 0 means it
/// truncated the partition: the broker's retention, not the pipeline, lost them).
/// </summary>
internal static class TopicWatermarks
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static (long Records, long Truncated) Read(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var partitions = admin.GetMetadata(topic, Timeout).Topics.Single(t => t.Topic == topic).Partitions.Count;
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "bench-watermarks" }).Build();
        long records = 0, truncated = 0;
        for (var partition = 0; partition < partitions; partition++)
        {
            var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), Timeout);
            records += watermarks.High.Value;
            truncated += watermarks.Low.Value;
        }
        return (records, truncated);
    }
}

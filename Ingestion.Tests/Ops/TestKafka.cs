using Confluent.Kafka;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

/// <summary>Plain Confluent clients on the test broker: produce to exact partitions, read a topic back, commit a group's offsets.</summary>
internal static class TestKafka
{
    public static async Task ProduceAsync(string topic, int partition, byte[]? key, byte[] value, Headers? headers = null)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            Acks = Acks.All,
        }).Build();
        await producer.ProduceAsync(new TopicPartition(topic, partition), new Message<byte[]?, byte[]> { Key = key, Value = value, Headers = headers ?? [] });
    }

    /// <summary>Every record of every partition, read by assignment up to the current high watermarks.</summary>
    public static IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        for (var partition = 0; partition < partitions; partition++)
        {
            var topicPartition = new TopicPartition(topic, partition);
            var watermarks = consumer.QueryWatermarkOffsets(topicPartition, TimeSpan.FromSeconds(10));
            if (watermarks.High.Value <= watermarks.Low.Value) continue;
            consumer.Assign(new TopicPartitionOffset(topicPartition, watermarks.Low));
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (result is null) continue;
                records.Add(result);
                if (result.Offset.Value + 1 >= watermarks.High.Value) break;
            }
        }
        return records;
    }

    /// <summary>Commits offsets for <paramref name="group"/> without joining it (as an assign-mode consumer does).</summary>
    public static void Commit(string group, params TopicPartitionOffset[] offsets)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        consumer.Commit(offsets);
    }

    public static IReadOnlyList<TopicPartitionOffset> Committed(string group, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
        return consumer.Committed(Enumerable.Range(0, partitions).Select(partition => new TopicPartition(topic, partition)), TimeSpan.FromSeconds(10));
    }
}

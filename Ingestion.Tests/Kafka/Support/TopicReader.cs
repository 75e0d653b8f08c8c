using Confluent.Kafka;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>Reads a topic from the beginning with a plain Confluent consumer (no group), to check what the rider wrote.</summary>
internal static class TopicReader
{
    public static List<ConsumeResult<byte[]?, byte[]>> ReadAll(string bootstrapServers, string topic, int expected, TimeSpan timeout, int partitions = 1)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        while (records.Count < expected && DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is { IsPartitionEOF: false }) records.Add(record);
        }
        return records;
    }

    public static string? Header(this ConsumeResult<byte[]?, byte[]> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? System.Text.Encoding.UTF8.GetString(bytes) : null;
}

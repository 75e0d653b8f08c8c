using System.Text;
using Confluent.Kafka;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>Talks to the shared embedded broker directly: raw records in, committed offsets out.</summary>
internal static class KafkaProbe
{
    public static void ProduceRaw(string topic, IEnumerable<(string? Key, byte[] Value, Headers? Headers)> records, int? partition = null)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = TestInfrastructure.Kafka.BootstrapServers }).Build();
        foreach (var (key, value, headers) in records)
        {
            var message = new Message<byte[]?, byte[]> { Key = key is null ? null : Encoding.UTF8.GetBytes(key), Value = value, Headers = headers };
            if (partition is { } p)
                producer.Produce(new TopicPartition(topic, p), message);
            else
                producer.Produce(topic, message);
        }
        if (producer.Flush(TimeSpan.FromSeconds(10)) != 0)
            Assert.Fail("the raw records were not acknowledged");
    }

    public static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>The group's committed offset per partition (-1001 when nothing was committed).</summary>
    public static Dictionary<int, long> Committed(string topic, string group, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = group,
        }).Build();
        return consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), TimeSpan.FromSeconds(10))
            .ToDictionary(o => o.Partition.Value, o => o.Offset.Value);
    }

    public static long CommittedTotal(string topic, string group, int partitions) =>
        Committed(topic, group, partitions).Values.Where(o => o >= 0).Sum();
}

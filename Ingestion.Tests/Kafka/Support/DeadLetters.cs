using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>Reads the dead-letter topic of a test.</summary>
internal static class DeadLetters
{
    public static string CreateTopicFor(string topic)
    {
        var name = $"{topic}_dlq";
        TestInfrastructure.Kafka.CreateTopic(name, 1);
        return name;
    }

    public static List<(DeadLetterRecord Record, ConsumeResult<byte[]?, byte[]> Raw)> Read(string topic, int expected, TimeSpan timeout) =>
        [.. TopicReader.ReadAll(TestInfrastructure.Kafka.BootstrapServers, topic, expected, timeout)
            .Select(r => (JsonSerializer.Deserialize<DeadLetterRecord>(r.Message.Value)!, r))];
}

using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Producing;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Dead_lettering_a_record_the_broker_refuses_as_too_large
{
    [Test]
    public async Task Sends_a_minimal_record_instead_of_retrying_forever()
    {
        var topic = TestInfrastructure.CreateTopic("too-large", 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        // The producer takes 20,000 bytes at most, while the size limit claims a megabyte (a topic that said more than it takes).
        using var producer = new KafkaProducerClient(new KafkaOptions
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            Client = new Dictionary<string, string> { ["message.max.bytes"] = "20000", ["batch.size"] = "20000" },
        });
        var deadLetters = new KafkaDeadLetterProducer(producer, DeadLetterSizeLimit.Fixed(1_000_000));
        var original = Encoding.ASCII.GetBytes(new string('A', 100_000));
        var source = new KafkaRecordContext(new ConsumeResult<byte[]?, byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset(topic, 0, 77),
            Message = new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes("k"), Value = original },
        }, new KafkaEndpointIdentity(topic, "group", dlq), 1);

        await deadLetters.DeadLetter(source, dlq, DeadLetterReasons.Deserialization, "not JSON", "System.Text.Json.JsonException", 1, CancellationToken.None);

        var records = DeadLetters.Read(dlq, expected: 1, TimeSpan.FromSeconds(10));
        Assert.That(records, Has.Count.EqualTo(1));
        var record = records[0].Record;
        Assert.Multiple(() =>
        {
            Assert.That(record.OriginalTruncated, Is.True);
            Assert.That(record.OriginalMessage, Is.Null);
            Assert.That(record.OriginalSize, Is.EqualTo(100_000));
            Assert.That(record.Offset, Is.EqualTo(77));
            Assert.That(record.Reason, Is.EqualTo(DeadLetterReasons.Deserialization));
        });
    }
}

using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Redelivery;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Dead_lettering
{
    private static readonly byte[] NotUtf8 = [0xff, 0xfe, 0x00, 0x81, 0x7b];

    [Test]
    public async Task Forwards_each_unrecoverable_record_once_with_the_full_envelope_and_goes_on()
    {
        var topic = TestInfrastructure.CreateTopic("dlq", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name switch
            {
                "invalid" => throw new InvalidMessageException("value: must be a finite number"),
                "poison" => throw new InvalidOperationException("the consumer cannot handle this one"),
                _ => Task.CompletedTask,
            },
        };
        await using var host = await RiderTestHost.StartCollectingAsync(topic, group, consumed);

        KafkaProbe.ProduceRaw(topic, [
            ("k", KafkaProbe.Json("""{"name":"first","value":1}"""), null),
            ("k", NotUtf8, null),
            ("k", KafkaProbe.Json("{not json"), null),
            ("k", KafkaProbe.Json("""{"name":"wrong_type","value":"high"}"""), null),
            ("k", KafkaProbe.Json("""{"name":"invalid","value":1}"""), null),
            ("k", KafkaProbe.Json("""{"name":"poison","value":1}"""), null),
            ("k", KafkaProbe.Json("""{"name":"last","value":2}"""), null),
        ]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 7, TimeSpan.FromSeconds(20), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 6, TimeSpan.FromSeconds(2));
        var byOffset = records.ToDictionary(r => r.Record.Offset, r => r.Record);
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Messages.Select(m => m.Message.Name), Is.EqualTo(new[] { "first", "last" }));
            Assert.That(records, Has.Count.EqualTo(5), "one dead letter per bad record, no more");
            Assert.That(records.Select(r => r.Record.Reason), Is.EqualTo(new[]
            {
                DeadLetterReasons.Deserialization, DeadLetterReasons.Deserialization, DeadLetterReasons.Deserialization,
                DeadLetterReasons.Validation, DeadLetterReasons.Exhausted,
            }));

            var bytes = byOffset[1];
            Assert.That(bytes.OriginalMessage, Is.Null);
            Assert.That(Convert.FromBase64String(bytes.OriginalMessageBase64!), Is.EqualTo(NotUtf8), "non-UTF-8 bytes are kept losslessly");
            Assert.That(byOffset[2].OriginalMessage!.Value.GetString(), Is.EqualTo("{not json"));
            Assert.That(byOffset[4].OriginalMessage!.Value.GetProperty("name").GetString(), Is.EqualTo("invalid"));
            Assert.That(byOffset[4].Error, Does.Contain("finite"));
            Assert.That(byOffset[4].ErrorType, Is.EqualTo(typeof(InvalidMessageException).FullName));
            Assert.That(byOffset[5].ErrorType, Is.EqualTo(typeof(InvalidOperationException).FullName));
            Assert.That(byOffset[5].OriginalTopic, Is.EqualTo(topic));
            Assert.That(byOffset[5].Partition, Is.Zero);
            Assert.That(byOffset[5].OriginalKey, Is.EqualTo("k"));
            Assert.That(byOffset[5].ConsumerGroup, Is.EqualTo(group));
            Assert.That(byOffset[5].Attempts, Is.EqualTo(1));
            Assert.That(records[4].Raw.Header(DeadLetterHeaders.Reason), Is.EqualTo(DeadLetterReasons.Exhausted));
            Assert.That(records[4].Raw.Header(DeadLetterHeaders.OriginalOffset), Is.EqualTo("5"));
            Assert.That(consumed.Attempts("poison"), Is.EqualTo(1), "a non-transient error is not retried");
        });
    }

    [Test]
    public async Task Isolates_a_poison_record_inside_a_batch_so_only_it_is_dead_lettered()
    {
        var topic = TestInfrastructure.CreateTopic("batch-poison", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name == "poison" ? throw new InvalidOperationException("violates a constraint") : Task.CompletedTask,
        };
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingBatchConsumer, CollectingBatchConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureConsumer<CollectingBatchConsumer>(context);
                e.SetWindowSize(50);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        }, consumed);

        KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 100).Select(i =>
            ((string?)"k", KafkaProbe.Json($$"""{"name":"{{(i == 37 ? "poison" : "good")}}","value":{{i}}}"""), (Confluent.Kafka.Headers?)null)));

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 100, TimeSpan.FromSeconds(30), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Messages.Select(m => m.Message.Value).Order(),
                Is.EqualTo(Enumerable.Range(0, 100).Where(i => i != 37).Select(i => (double)i)), "every good neighbour persisted once");
            Assert.That(records.Select(r => r.Record.Offset), Is.EqualTo(new long[] { 37 }));
            Assert.That(records[0].Record.Reason, Is.EqualTo(DeadLetterReasons.Exhausted));
            Assert.That(records[0].Record.OriginalMessage!.Value.GetProperty("value").GetInt32(), Is.EqualTo(37));
        });
    }

    [Test]
    public async Task Lets_a_batch_consumer_dead_letter_one_member_itself()
    {
        var topic = TestInfrastructure.CreateTopic("batch-self", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<SelfDeadLetteringBatchConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(20).SetTimeLimit(TimeSpan.FromMilliseconds(50))));
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureConsumer<SelfDeadLetteringBatchConsumer>(context);
                e.SetWindowSize(20);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        });

        KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 20).Select(i =>
            ((string?)null, KafkaProbe.Json($$"""{"name":"{{(i == 5 ? "bad" : "good")}}","value":{{i}}}"""),
                (Confluent.Kafka.Headers?)null)));

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 20, TimeSpan.FromSeconds(20), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Record.Offset), Is.EqualTo(new long[] { 5 }));
            Assert.That(records[0].Record.Reason, Is.EqualTo(DeadLetterReasons.Validation));
            Assert.That(records[0].Record.Error, Is.EqualTo("name: rejected by the consumer"));
        });
    }

    [Test]
    public async Task Redelivers_a_non_transient_failure_as_configured_before_dead_lettering_it()
    {
        var topic = TestInfrastructure.CreateTopic("dlq-redeliver", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name == "poison" ? throw new InvalidOperationException("still broken") : Task.CompletedTask,
        };
        await using var host = await RiderTestHost.StartCollectingAsync(topic, group, consumed, kafka =>
        {
            kafka.UseRedelivery(r =>
            {
                r.NonTransientLimit = 2;
                r.Intervals(TimeSpan.FromMilliseconds(100));
            });
        });

        KafkaProbe.ProduceRaw(topic, [
            ("k", KafkaProbe.Json("""{"name":"poison","value":1}"""), null),
            ("k", KafkaProbe.Json("""{"name":"next","value":2}"""), null),
        ]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 2, TimeSpan.FromSeconds(20), "both offsets were committed");
        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Attempts("poison"), Is.EqualTo(3), "the first delivery and two redeliveries");
            Assert.That(records, Has.Count.EqualTo(1));
            Assert.That(records[0].Record.Attempts, Is.EqualTo(3));
            Assert.That(records[0].Record.Reason, Is.EqualTo(DeadLetterReasons.Exhausted));
            Assert.That(consumed.Messages.Select(m => m.Message.Name), Is.EqualTo(new[] { "next" }));
        });
    }
}

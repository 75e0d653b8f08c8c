using Ingestion.Contracts;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Redelivery;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;

namespace Ingestion.Tests.Kafka;

/// <summary>The dead-letter topic is a filter on the topic endpoint's error pipe, configured the MassTransit way.</summary>
[TestFixture]
public sealed class Dead_lettering_on_the_error_pipe
{
    [Test]
    public async Task Shows_a_users_error_filter_each_dead_lettered_record_with_its_exception_and_nothing_else()
    {
        var topic = TestInfrastructure.CreateTopic("error-pipe", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var filter = new RecordingErrorFilter();
        var transientFailures = 0;
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name switch
            {
                "poison" => throw new InvalidOperationException("the consumer cannot handle this one"),
                "invalid" => throw new InvalidMessageException("value: must be a finite number"),
                "flaky" when Interlocked.Increment(ref transientFailures) <= 1 => throw new TimeoutException("the database did not answer"),
                _ => Task.CompletedTask,
            },
        };
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingConsumer, CollectingConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureError(x => x.UseFilter(filter));
                e.ConfigureConsumer<CollectingConsumer>(context);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
                e.UseRedelivery(r => r.Intervals(TimeSpan.FromMilliseconds(100)));
            }));
        }, consumed);

        KafkaProbe.ProduceRaw(topic, [
            ("k", KafkaProbe.Json("""{"name":"first","value":1}"""), null),
            ("k", KafkaProbe.Json("""{"name":"poison","value":1}"""), null),
            ("k", KafkaProbe.Json("{not json"), null),
            ("k", KafkaProbe.Json("""{"name":"invalid","value":1}"""), null),
            ("k", KafkaProbe.Json("""{"name":"flaky","value":1}"""), null),
        ]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 5, TimeSpan.FromSeconds(20), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 4, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(filter.Seen.Select(s => s.Offset), Is.EqualTo(new long[] { 1, 2, 3 }),
                "the final faults, each once; not the transient one that was redelivered");
            Assert.That(filter.Seen.Select(s => s.Exception.GetType()),
                Is.EqualTo(new[] { typeof(InvalidOperationException), typeof(System.Runtime.Serialization.SerializationException), typeof(InvalidMessageException) }),
                "each with its exception");
            Assert.That(filter.Seen.ElementAt(1).Exception.InnerException, Is.InstanceOf<System.Text.Json.JsonException>(), "the unreadable record's, with the parser's");
            Assert.That(filter.Seen.First().Exception.Message, Is.EqualTo("the consumer cannot handle this one"));
            Assert.That(records.Select(r => r.Record.Offset), Is.EqualTo(new long[] { 1, 2, 3 }), "and the dead-letter filter after it wrote them");
            Assert.That(consumed.Messages.Select(m => m.Message.Name), Is.EqualTo(new[] { "first", "flaky" }));
        });
    }

    [Test]
    public async Task Writes_no_dead_letter_record_when_a_users_error_filter_replaces_the_dead_letter_filter()
    {
        var topic = TestInfrastructure.CreateTopic("error-pipe-replaced", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var replacement = new RecordingErrorFilter(handOn: false);
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name == "poison" ? throw new InvalidOperationException("poison") : Task.CompletedTask,
        };
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingConsumer, CollectingConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureError(x => x.UseFilter(replacement));
                e.ConfigureConsumer<CollectingConsumer>(context);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        }, consumed);

        KafkaProbe.ProduceRaw(topic, [
            ("k", KafkaProbe.Json("""{"name":"poison","value":1}"""), null),
            ("k", KafkaProbe.Json("""{"name":"next","value":2}"""), null),
        ]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 2, TimeSpan.FromSeconds(20), "both offsets were committed");
        Assert.Multiple(() =>
        {
            Assert.That(replacement.Seen.Select(s => s.Offset), Is.EqualTo(new long[] { 0 }), "the replacement settled the fault");
            Assert.That(DeadLetters.Read(dlq, expected: 1, TimeSpan.FromSeconds(1)), Is.Empty);
        });
    }

    [Test]
    public async Task Writes_to_the_topic_UseDeadLetterTopic_names_after_the_filters_configured_before_it()
    {
        var topic = TestInfrastructure.CreateTopic("error-pipe-named", partitions: 1);
        var custom = $"{topic}_custom";
        TestInfrastructure.Kafka.CreateTopic(custom, 1);
        var group = $"group-{Guid.NewGuid():N}";
        var before = new RecordingErrorFilter();
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingConsumer, CollectingConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureError(x => x.UseFilter(before));
                e.UseDeadLetterTopic(custom);
                e.ConfigureConsumer<CollectingConsumer>(context);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        });

        KafkaProbe.ProduceRaw(topic, [("k", KafkaProbe.Json("{not json"), null)]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 1, TimeSpan.FromSeconds(20), "the offset was committed");
        var records = DeadLetters.Read(custom, expected: 1, TimeSpan.FromSeconds(5));
        Assert.Multiple(() =>
        {
            Assert.That(before.Seen, Has.Count.EqualTo(1));
            Assert.That(records.Select(r => (r.Record.Offset, r.Record.Reason)), Is.EqualTo(new[] { (0L, DeadLetterReasons.Deserialization) }));
        });
    }

    [Test]
    public async Task Counts_the_attempts_of_a_poison_record_inside_a_window_as_its_retries_and_redeliveries()
    {
        var topic = TestInfrastructure.CreateTopic("error-pipe-attempts", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 20).Select(i =>
            ((string?)"k", KafkaProbe.Json($$"""{"name":"{{(i == 5 ? "poison" : "good")}}","value":{{i}}}"""), (Confluent.Kafka.Headers?)null)));
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name == "poison" ? throw new InvalidOperationException("violates a constraint") : Task.CompletedTask,
        };

        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingBatchConsumer>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                // 2 in-memory retries (3 tries a delivery), 1 redelivery of the window before it is split.
                e.UseMessageRetry(retry => retry.Immediate(2));
                e.ConfigureBatchConsumer<CollectingBatchConsumer, MetricRecorded>(context);
                e.SetWindowSize(20);
                e.UseRedelivery(r =>
                {
                    r.Intervals(TimeSpan.FromMilliseconds(100));
                    r.NonTransientLimit = 1;
                });
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        }, consumed);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 20, TimeSpan.FromSeconds(30), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Record.Offset), Is.EqualTo(new long[] { 5 }));
            Assert.That(records[0].Record.Attempts, Is.EqualTo(6), "(1 try + 2 retries) x (1 delivery + 1 redelivery); isolating re-dispatches do not count");
            Assert.That(consumed.Batches.SelectMany(b => b).Select(r => r.DeliveryCount).Max(), Is.GreaterThan(2), "it was re-dispatched to isolate it");
        });
    }
    [Test]
    public async Task Counts_the_attempts_of_a_poison_record_of_a_record_by_record_endpoint_as_its_retries_and_redeliveries()
    {
        var topic = TestInfrastructure.CreateTopic("error-pipe-record-attempts", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 6).Select(i =>
            ((string?)"k", KafkaProbe.Json($$"""{"name":"{{(i == 2 ? "poison" : "good")}}","value":{{i}}}"""), (Confluent.Kafka.Headers?)null)));
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name == "poison" ? throw new InvalidOperationException("violates a constraint") : Task.CompletedTask,
        };

        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingConsumer>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                // 2 in-memory retries (3 tries a delivery), 1 redelivery before the record is isolated.
                e.UseMessageRetry(retry => retry.Immediate(2));
                e.ConfigureConsumer<CollectingConsumer>(context);
                e.SetWindowSize(6);
                e.UseRedelivery(r =>
                {
                    r.Intervals(TimeSpan.FromMilliseconds(100));
                    r.NonTransientLimit = 1;
                });
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        }, consumed);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 6, TimeSpan.FromSeconds(30), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => r.Record.Offset), Is.EqualTo(new long[] { 2 }));
            Assert.That(records[0].Record.Attempts, Is.EqualTo(6), "(1 try + 2 retries) x (1 delivery + 1 redelivery), not the 2 deliveries");
            Assert.That(consumed.Attempts("poison"), Is.EqualTo(6), "what the consumer saw");
        });
    }
}

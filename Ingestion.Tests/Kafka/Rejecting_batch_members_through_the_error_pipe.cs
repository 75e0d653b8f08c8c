using Ingestion.Contracts;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Redelivery;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;

namespace Ingestion.Tests.Kafka;

/// <summary>
/// A batch consumer rejects single members with <c>Reject</c>: each goes down the endpoint's error pipe with its exception,
/// as a thrown fault of that record would, while the batch completes for the others.
/// </summary>
[TestFixture]
public sealed class Rejecting_batch_members_through_the_error_pipe
{
    [Test]
    public async Task Shows_a_users_error_filter_each_rejected_member_with_its_exception_and_dead_letters_it_with_its_reason()
    {
        var topic = TestInfrastructure.CreateTopic("reject-members", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var filter = new RecordingErrorFilter();
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<RejectingBatchConsumer>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureError(x => x.UseFilter(filter));
                e.ConfigureBatchConsumer<RejectingBatchConsumer, MetricRecorded>(context);
                e.SetWindowSize(10);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        });

        KafkaProbe.ProduceRaw(topic, [.. new[] { "first", "invalid", "second", "invalid", "third" }
            .Select(name => ((string?)"k", KafkaProbe.Json($$"""{"name":"{{name}}","value":1}"""), (Confluent.Kafka.Headers?)null))]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 5, TimeSpan.FromSeconds(20), "every offset was committed");
        // Rejections are settled at once: their dead-letter records may arrive in either order.
        var records = DeadLetters.Read(dlq, expected: 3, TimeSpan.FromSeconds(2)).OrderBy(r => r.Record.Offset).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(filter.Seen.Select(s => s.Offset).Order(), Is.EqualTo(new long[] { 1, 3 }), "each rejected member, once");
            Assert.That(filter.Seen.Select(s => s.Exception), Has.All.InstanceOf<InvalidMessageException>());
            Assert.That(filter.Seen.Select(s => s.Exception.Message).Order(), Is.EqualTo(new[]
            {
                "value: offset 1 is not a finite number", "value: offset 3 is not a finite number",
            }));
            Assert.That(records.Select(r => (r.Record.Offset, r.Record.Reason, r.Record.Attempts)), Is.EqualTo(new[]
            {
                (1L, DeadLetterReasons.Validation, 1), (3L, DeadLetterReasons.Validation, 1),
            }), "the dead-letter filter after it wrote them, with the reason the exception gives");
            Assert.That(records[0].Record.Error, Is.EqualTo("value: offset 1 is not a finite number"));
            Assert.That(host.Consumed.Messages.Select(m => m.Offset), Is.EqualTo(new long[] { 0, 2, 4 }), "the others consumed once, in one batch");
        });
    }

    [Test]
    public async Task Redelivers_a_rejected_member_whose_fault_the_error_pipe_hands_back_and_never_drops_it()
    {
        var topic = TestInfrastructure.CreateTopic("reject-handed-back", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var refusing = new RefusingErrorFilter(times: 1);
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<RejectingBatchConsumer>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureError(x => x.UseFilter(refusing));
                e.ConfigureBatchConsumer<RejectingBatchConsumer, MetricRecorded>(context);
                e.SetWindowSize(10);
                e.UseRedelivery(redelivery => redelivery.Intervals(TimeSpan.FromMilliseconds(100)));
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        });

        KafkaProbe.ProduceRaw(topic, [
            ("k", KafkaProbe.Json("""{"name":"first","value":1}"""), null),
            ("k", KafkaProbe.Json("""{"name":"invalid","value":1}"""), null),
        ]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 2, TimeSpan.FromSeconds(20), "both offsets were committed");
        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(refusing.Calls, Is.EqualTo(2), "handed back once, then passed on");
            Assert.That(records.Select(r => r.Record.Offset), Is.EqualTo(new long[] { 1 }), "dead-lettered once, after the redelivery");
            Assert.That(host.Consumed.Messages.Select(m => m.Offset), Is.EqualTo(new long[] { 0 }));
        });
    }

    [Test]
    public async Task Settles_a_member_rejected_by_a_batch_consumer_under_ConfigureConsumer_the_same_way()
    {
        var topic = TestInfrastructure.CreateTopic("reject-collected", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var filter = new RecordingErrorFilter();
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<RejectingBatchConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(5).SetTimeLimit(TimeSpan.FromMilliseconds(50))));
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureError(x => x.UseFilter(filter));
                e.ConfigureConsumer<RejectingBatchConsumer>(context);
                e.SetWindowSize(5);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        });

        KafkaProbe.ProduceRaw(topic, [.. new[] { "first", "invalid", "second" }
            .Select(name => ((string?)"k", KafkaProbe.Json($$"""{"name":"{{name}}","value":1}"""), (Confluent.Kafka.Headers?)null))]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 3, TimeSpan.FromSeconds(20), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(filter.Seen.Select(s => (s.Offset, s.Exception.GetType())), Is.EqualTo(new[] { (1L, typeof(InvalidMessageException)) }));
            Assert.That(records.Select(r => (r.Record.Offset, r.Record.Reason)), Is.EqualTo(new[] { (1L, DeadLetterReasons.Validation) }));
            Assert.That(host.Consumed.Messages.Select(m => m.Offset).Order(), Is.EqualTo(new long[] { 0, 2 }));
        });
    }
}

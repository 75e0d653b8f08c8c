using System.Diagnostics;
using Ingestion.Contracts;
using Ingestion.Kafka.Redelivery;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Retrying_and_redelivering
{
    [Test]
    public async Task Retries_a_transient_failure_in_memory_then_succeeds_with_one_commit_and_no_dead_letter()
    {
        var topic = TestInfrastructure.CreateTopic("retry", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var consumed = new ConsumedMessages
        {
            Behavior = (m, attempt) => m.Name == "flaky" && attempt <= 2 ? throw new TimeoutException("the database timed out") : Task.CompletedTask,
        };
        await using var host = await RiderTestHost.StartCollectingAsync(topic, group, consumed);

        KafkaProbe.ProduceRaw(topic, [("k", KafkaProbe.Json("""{"name":"flaky","value":1}"""), null)]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 1, TimeSpan.FromSeconds(20), "the offset was committed");
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Attempts("flaky"), Is.EqualTo(3), "two in-memory retries, then success");
            Assert.That(consumed.Messages, Has.Count.EqualTo(1));
            Assert.That(DeadLetters.Read(dlq, expected: 1, TimeSpan.FromSeconds(1)), Is.Empty);
        });
    }

    [Test]
    public async Task Redelivers_after_a_delay_without_committing_while_other_partitions_keep_flowing()
    {
        var topic = TestInfrastructure.CreateTopic("redeliver", partitions: 2);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var outage = Stopwatch.StartNew();
        var consumed = new ConsumedMessages
        {
            // Down for the first delivery (3 attempts with its retries) and the first redelivery: 6 attempts in all.
            Behavior = (m, attempt) => m.Name == "stuck" && attempt <= 5 ? throw new TimeoutException("the database is down") : Task.CompletedTask,
        };
        await using var host = await RiderTestHost.StartCollectingAsync(topic, group, consumed, kafka =>
        {
            kafka.CheckpointInterval = TimeSpan.FromMilliseconds(50);
            kafka.UseRedelivery(r => r.Intervals(TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(1_000)));
        });

        KafkaProbe.ProduceRaw(topic, [
            ("a", KafkaProbe.Json("""{"name":"stuck","value":1}"""), null),
            ("a", KafkaProbe.Json("""{"name":"behind","value":2}"""), null),
        ], partition: 0);
        outage.Restart();
        KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 20).Select(i =>
            ((string?)"b", KafkaProbe.Json($$"""{"name":"other_{{i}}","value":{{i}}}"""), (Confluent.Kafka.Headers?)null)), partition: 1);

        await Eventually.Until(() => consumed.Messages.Count(m => m.Partition == 1) == 20, TimeSpan.FromSeconds(10), "the other partition was consumed");
        await Eventually.Until(() => KafkaProbe.Committed(topic, group, 2)[1] == 20, TimeSpan.FromSeconds(10), "the other partition was committed");
        var committedWhileStuck = KafkaProbe.Committed(topic, group, 2)[0];
        var consumedWhileStuck = consumed.Messages.Any(m => m.Partition == 0);

        await Eventually.Until(() => KafkaProbe.Committed(topic, group, 2)[0] == 2, TimeSpan.FromSeconds(20), "the stuck partition caught up");
        var elapsed = outage.Elapsed;
        var partitionZero = consumed.Messages.Where(m => m.Partition == 0).Select(m => m.Message.Name).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(committedWhileStuck, Is.LessThan(0), "nothing of the stuck partition was committed meanwhile");
            Assert.That(consumedWhileStuck, Is.False, "the message behind the stuck one waited");
            Assert.That(partitionZero, Is.EqualTo(new[] { "stuck", "behind" }), "order kept through the redelivery");
            Assert.That(consumed.Attempts("stuck"), Is.EqualTo(6));
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(700)), "redelivered after the delay");
            Assert.That(DeadLetters.Read(dlq, expected: 1, TimeSpan.FromSeconds(1)), Is.Empty, "transient errors are never dead-lettered");
        });
    }
}

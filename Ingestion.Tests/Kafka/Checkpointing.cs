using Ingestion.Contracts;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Checkpointing
{
    [Test]
    public async Task Graceful_stop_commits_what_completed_closes_the_consumer_and_hands_the_partitions_over()
    {
        var topic = TestInfrastructure.CreateTopic("stop", partitions: 2);
        var group = $"group-{Guid.NewGuid():N}";
        var first = await StartAsync(topic, group, checkpointInterval: TimeSpan.FromMinutes(5));
        KafkaProbe.ProduceRaw(topic, Metrics(0, 50));
        await Eventually.Until(() => first.Consumed.Messages.Count == 50, TimeSpan.FromSeconds(20), "50 messages were consumed");
        var committedBeforeStop = KafkaProbe.CommittedTotal(topic, group, 2);

        var stoppedEndpoint = first.Endpoint();
        await first.DisposeAsync();
        var committedAfterStop = KafkaProbe.CommittedTotal(topic, group, 2);


        // The embedded (mock) broker ignores LeaveGroup, so the next member waits out the old session (6 s in tests);
        // on real Kafka the hand-over is immediate.
        await using var second = await StartAsync(topic, group, checkpointInterval: TimeSpan.FromMilliseconds(100));
        await Eventually.Until(() => second.Endpoint().AssignedPartitions.Count == 2, TimeSpan.FromSeconds(20), "the next member got both partitions");
        KafkaProbe.ProduceRaw(topic, Metrics(50, 10));
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 2) == 60, TimeSpan.FromSeconds(20), "the next member committed the rest");
        Assert.Multiple(() =>
        {
            Assert.That(committedBeforeStop, Is.Zero, "the checkpoint interval had not passed yet");
            Assert.That(committedAfterStop, Is.EqualTo(50), "the stop committed everything that completed");
            Assert.That(stoppedEndpoint.IsConsuming, Is.False);
            Assert.That(stoppedEndpoint.AssignedPartitions, Is.Empty, "the stopped member gave its partitions up");
            Assert.That(second.Consumed.Messages.Select(m => m.Message.Value).Order(), Is.EqualTo(Enumerable.Range(50, 10).Select(i => (double)i)),
                "the next member read nothing twice");
        });
    }

    [Test]
    public async Task A_restart_resumes_from_the_last_commit()
    {
        var topic = TestInfrastructure.CreateTopic("restart", partitions: 2);
        var group = $"group-{Guid.NewGuid():N}";
        await using (var first = await StartAsync(topic, group, TimeSpan.FromMilliseconds(100)))
        {
            KafkaProbe.ProduceRaw(topic, Metrics(0, 30));
            await Eventually.Until(() => first.Consumed.Messages.Count == 30, TimeSpan.FromSeconds(20), "30 messages were consumed");
        }
        KafkaProbe.ProduceRaw(topic, Metrics(30, 20));

        await using var second = await StartAsync(topic, group, TimeSpan.FromMilliseconds(100));
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 2) == 50, TimeSpan.FromSeconds(20), "the rest was committed");
        Assert.That(second.Consumed.Messages.Select(m => m.Message.Value).Order(), Is.EqualTo(Enumerable.Range(30, 20).Select(i => (double)i)),
            "exactly the records after the last commit");
    }

    internal static IEnumerable<(string?, byte[], Confluent.Kafka.Headers?)> Metrics(int start, int count) =>
        Enumerable.Range(start, count).Select(i =>
            ((string?)$"series_{i % 5}", KafkaProbe.Json($$"""{"name":"series_{{i % 5}}","value":{{i}}}"""), (Confluent.Kafka.Headers?)null));

    private static Task<RiderTestHost> StartAsync(string topic, string group, TimeSpan checkpointInterval, ConsumedMessages? consumed = null) =>
        RiderTestHost.StartCollectingAsync(topic, group, consumed, kafka => kafka.CheckpointInterval = checkpointInterval);
}

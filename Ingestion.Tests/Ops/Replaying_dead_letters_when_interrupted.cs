using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Ops.DeadLetters;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Replaying_dead_letters_when_interrupted
{
    private static List<string> ReplayedFrom(string metrics) => TestKafka.ReadAll(metrics, 3)
        .Select(record => Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(DeadLetterHeaders.ReplayedFrom))).Order().ToList();

    [Test]
    public async Task Resumes_after_a_cancellation_without_replaying_anything_twice()
    {
        var deadLetters = await DeadLetterSamples.CreateTopicAsync();
        var metrics = TestInfrastructure.CreateTopic("ops-cancelled", partitions: 3);
        var group = $"replay-{Guid.NewGuid():N}";
        var config = new ClientConfig { BootstrapServers = TestInfrastructure.Kafka.BootstrapServers };
        using var cancellation = new CancellationTokenSource();

        ReplayOutcome interrupted;
        using (var topic = DeadLetterTopic.Open(config, deadLetters, group))
        using (var republisher = new DeadLetterRepublisher(config, deadLetters, metrics))
        {
            var plan = new ReplayPlanner(new DeadLetterFilter(null, null, null, null, null), maxReplayCount: 3, limit: null)
                .Plan(topic.Read(range => range.ReplayStart, CancellationToken.None));
            // Ctrl+C right after the first acknowledged replay.
            interrupted = await new ReplayRun(topic, republisher).ExecuteAsync(plan, _ => cancellation.Cancel(), cancellation.Token);
        }
        var resumed = await OpsTool.For(metricsTopic: metrics, deadLetterTopic: deadLetters, replayGroup: group).RunAsync("dlq", "replay", "--yes");

        Assert.Multiple(() =>
        {
            Assert.That(interrupted.Cancelled, Is.True);
            Assert.That(interrupted.Replayed, Is.EqualTo(1));
            Assert.That(interrupted.NotAttempted, Is.EqualTo(3));
        });
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        Assert.That(ReplayedFrom(metrics), Is.EqualTo(new[] { $"{deadLetters}:0:0", $"{deadLetters}:0:1", $"{deadLetters}:0:2", $"{deadLetters}:1:1" }));
    }

    [Test]
    public async Task Stops_before_a_record_that_fails_exits_non_zero_and_retries_it_next_time()
    {
        var deadLetters = TestInfrastructure.CreateTopic("ops-dlq-failing", partitions: 1);
        var at = DeadLetterSamples.Start;
        await DeadLetterSamples.WriteAsync(deadLetters, 0, DeadLetterSamples.Json("small_one", 1, "a"), DeadLetterReasons.Validation, "x", 0, at, "k1");
        await DeadLetterSamples.WriteAsync(deadLetters, 0, DeadLetterSamples.Json("big", 2, new string('b', 2_000)), DeadLetterReasons.Validation, "x", 0, at, "k2");
        await DeadLetterSamples.WriteAsync(deadLetters, 0, DeadLetterSamples.Json("small_two", 3, "c"), DeadLetterReasons.Validation, "x", 0, at, "k3");
        var metrics = TestInfrastructure.CreateTopic("ops-failing-target", partitions: 3);
        var group = $"replay-{Guid.NewGuid():N}";
        var tool = OpsTool.For(metricsTopic: metrics, deadLetterTopic: deadLetters, replayGroup: group);

        // The producer refuses records over 1,000 bytes locally: the big one cannot be published.
        var failing = await tool.With("Kafka:Client:message.max.bytes", "1000").RunAsync("dlq", "replay", "--yes");
        var afterFailure = ReplayedFrom(metrics);
        var position = TestKafka.Committed(group, deadLetters, 1)[0].Offset.Value;
        var retried = await tool.RunAsync("dlq", "replay", "--yes");

        Assert.That(failing.ExitCode, Is.EqualTo(1), failing.ToString());
        Assert.That(failing.Error, Does.StartWith("error: replaying 0:1 failed"));
        Assert.That(afterFailure, Is.EqualTo(new[] { $"{deadLetters}:0:0" }));
        Assert.That(position, Is.EqualTo(1), "the position stops before the record that failed");
        Assert.That(retried.ExitCode, Is.EqualTo(0), retried.ToString());
        Assert.That(ReplayedFrom(metrics), Is.EqualTo(new[] { $"{deadLetters}:0:0", $"{deadLetters}:0:1", $"{deadLetters}:0:2" }));
    }
}

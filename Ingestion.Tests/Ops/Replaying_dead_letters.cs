using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Replaying_dead_letters
{
    private string deadLetters = "";

    [OneTimeSetUp]
    public async Task Write_the_samples() => deadLetters = await DeadLetterSamples.CreateTopicAsync();

    /// <summary>Each test replays into its own metrics topic with its own replay group.</summary>
    private (OpsTool Tool, string Metrics, string Group) Fresh()
    {
        var metrics = TestInfrastructure.CreateTopic("ops-replayed", partitions: 3);
        var group = $"replay-{Guid.NewGuid():N}";
        return (OpsTool.For(metricsTopic: metrics, deadLetterTopic: deadLetters, replayGroup: group), metrics, group);
    }

    private static string Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(name));

    private static List<string> ReplayedFrom(string metrics) =>
        TestKafka.ReadAll(metrics, 3).Select(record => Header(record, DeadLetterHeaders.ReplayedFrom)).Order().ToList();

    [Test]
    public async Task With_dry_run_shows_the_plan_and_publishes_and_commits_nothing()
    {
        var (tool, metrics, group) = Fresh();

        var result = await tool.RunAsync("dlq", "replay", "--dry-run");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("Dry run: would replay 4, skip 1; 0 not selected by the filters."));
        Assert.That(result.Output, Does.Contain("skip: already replayed 3 times (maximum 3)"));
        Assert.That(TestKafka.ReadAll(metrics, 3), Is.Empty);
        Assert.That(TestKafka.Committed(group, deadLetters, 2).Select(offset => offset.Offset), Is.All.EqualTo(Offset.Unset));
    }

    [Test]
    public async Task Lands_the_original_bytes_and_key_with_replay_headers()
    {
        var (tool, metrics, _) = Fresh();

        var result = await tool.RunAsync("dlq", "replay", "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var replayed = TestKafka.ReadAll(metrics, 3).ToDictionary(record => Header(record, DeadLetterHeaders.ReplayedFrom));
        Assert.That(replayed.Keys, Is.EquivalentTo(new[] { $"{deadLetters}:0:0", $"{deadLetters}:0:1", $"{deadLetters}:0:2", $"{deadLetters}:1:1" }));
        var notUtf8 = replayed[$"{deadLetters}:0:1"];
        var cpu = replayed[$"{deadLetters}:0:0"];
        var memory = replayed[$"{deadLetters}:1:1"];
        Assert.Multiple(() =>
        {
            Assert.That(notUtf8.Message.Value, Is.EqualTo(DeadLetterSamples.NotUtf8), "exact bytes, even when not UTF-8");
            Assert.That(notUtf8.Message.Key, Is.Null);
            Assert.That(cpu.Message.Value, Is.EqualTo(DeadLetterSamples.Json("cpu_usage", 1.5, "0:10")));
            Assert.That(Encoding.UTF8.GetString(cpu.Message.Key!), Is.EqualTo("metrics-key-1"));
            Assert.That(Header(cpu, DeadLetterHeaders.ReplayCount), Is.EqualTo("1"));
            Assert.That(Header(memory, DeadLetterHeaders.ReplayCount), Is.EqualTo("2"), "the record's replay_count + 1");
            Assert.That(Header(cpu, DeadLetterHeaders.MessageId), Is.EqualTo("id-metrics-key-1"));
            Assert.That(Header(cpu, "content-type"), Is.EqualTo("application/json"));
            Assert.That(cpu.Message.Headers.TryGetLastBytes(DeadLetterHeaders.Reason, out _), Is.False, "DLQ headers stay behind");
        });
        Assert.That(result.Output, Does.Contain("already replayed 3 times (maximum 3)"), "the skipped record is reported");
    }

    [Test]
    public async Task Twice_never_replays_the_same_record_twice()
    {
        var (tool, metrics, _) = Fresh();

        var first = await tool.RunAsync("dlq", "replay", "--yes");
        var second = await tool.RunAsync("dlq", "replay", "--yes");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(second.Output, Does.StartWith("Nothing to replay"));
        Assert.That(ReplayedFrom(metrics), Has.Count.EqualTo(4).And.Unique);
    }

    [Test]
    public async Task Interrupted_by_a_limit_resumes_where_it_stopped()
    {
        var (tool, metrics, _) = Fresh();

        var partial = await tool.RunAsync("dlq", "replay", "--yes", "--limit", "2");
        var afterPartial = ReplayedFrom(metrics);
        var rest = await tool.RunAsync("dlq", "replay", "--yes");

        Assert.That(partial.ExitCode, Is.EqualTo(0), partial.ToString());
        Assert.That(rest.ExitCode, Is.EqualTo(0), rest.ToString());
        Assert.That(afterPartial, Is.EqualTo(new[] { $"{deadLetters}:0:0", $"{deadLetters}:0:1" }));
        Assert.That(ReplayedFrom(metrics), Is.EqualTo(new[] { $"{deadLetters}:0:0", $"{deadLetters}:0:1", $"{deadLetters}:0:2", $"{deadLetters}:1:1" }));
    }

    [Test]
    public async Task Replays_only_what_the_filters_select()
    {
        var (tool, metrics, _) = Fresh();

        var result = await tool.RunAsync("dlq", "replay", "--yes", "--name", "cpu_usage");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(ReplayedFrom(metrics), Is.EqualTo(new[] { $"{deadLetters}:0:0" }), "1:0 is cpu_usage too, but at the maximum replay count");
    }

    [Test]
    public async Task Replays_records_at_the_default_maximum_when_the_maximum_is_raised()
    {
        var (tool, metrics, _) = Fresh();

        var result = await tool.RunAsync("dlq", "replay", "--yes", "--max-replay-count", "4");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(ReplayedFrom(metrics), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task Refuses_without_yes_when_it_cannot_ask()
    {
        var (tool, metrics, _) = Fresh();

        var result = await tool.RunAsync("dlq", "replay");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.StartWith("error: Refusing to replay 4 record(s) without confirmation"));
        Assert.That(TestKafka.ReadAll(metrics, 3), Is.Empty);
    }
}

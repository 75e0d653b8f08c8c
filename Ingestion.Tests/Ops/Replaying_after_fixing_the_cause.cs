using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Tests.Worker;

namespace Ingestion.Tests.Ops;

/// <summary>
/// The operator's round trip with a real worker: a metric older than the worker's <c>Worker:MaxMetricAge</c> is dead-lettered,
/// the limit is raised (the fix), <c>dlq replay</c> lands it, and a second replay changes nothing.
/// </summary>
[TestFixture]
public sealed class Replaying_after_fixing_the_cause
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Persists_the_metric_once_and_a_second_replay_neither_duplicates_rows_nor_dead_letters_again()
    {
        var settings = await WorkerSettings.CreateAsync("ops-fixed-replay", partitions: 1);
        var tool = OpsTool.For(metricsTopic: settings.Topic, deadLetterTopic: settings.DeadLetterTopic);
        // No id, like most producers: the worker derives one from the record's position.
        var backfill = RawTopic.Metric("backfill_cpu", 42, withId: false) with { Timestamp = DateTimeOffset.UtcNow.AddDays(-2) };

        await using (await InProcessWorker.StartAsync(settings with { Overrides = new() { ["Worker:MaxMetricAge"] = "1.00:00:00" } }))
        {
            await RawTopic.ProduceAsync(settings.Topic, [backfill]);
            var rejected = RawTopic.ReadAll(settings.DeadLetterTopic, 1, Patience, TimeSpan.Zero);
            Assert.That(rejected, Has.Count.EqualTo(1), "the too-old metric was dead-lettered");
            var record = JsonSerializer.Deserialize<DeadLetterRecord>(rejected[0].Message.Value)!;
            Assert.That(record.Reason, Is.EqualTo(DeadLetterReasons.Validation));
            Assert.That(record.Error, Does.Contain("timestamp"));
        }
        Assert.That(await MetricsTable.CountAsync(settings.ConnectionString, "backfill_cpu"), Is.Zero);

        await using var fixedWorker = await InProcessWorker.StartAsync(settings with { Overrides = new() { ["Worker:MaxMetricAge"] = "3.00:00:00" } });
        var first = await tool.RunAsync("dlq", "replay", "--yes");
        var afterFirst = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 1, Patience, "backfill_cpu");
        var second = await tool.RunAsync("dlq", "replay", "--yes");
        await WaitForZeroLagAsync(tool, settings);
        var list = await tool.RunAsync("dlq", "list", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
            Assert.That(first.Output, Does.Not.StartWith("Nothing to replay"), first.ToString());
            Assert.That(afterFirst, Is.EqualTo(1), "the replayed metric was persisted");
            Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
            Assert.That(second.Output, Does.StartWith("Nothing to replay"), second.ToString());
        });
        var deadLetters = RawTopic.ReadAll(settings.DeadLetterTopic, 1, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
        var states = list.Lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("replay_state").GetString()).ToList();
        var rows = await MetricsTable.CountAsync(settings.ConnectionString);
        Assert.Multiple(() =>
        {
            Assert.That(rows, Is.EqualTo(1), "one row, not two");
            Assert.That(deadLetters, Has.Count.EqualTo(1), "the replayed record was not dead-lettered again");
            Assert.That(states, Is.EqualTo(new[] { "handled" }), list.ToString());
        });
    }

    /// <summary>Waits until the worker group has consumed everything on the topic, so "one row" is not just "not yet two".</summary>
    private static async Task WaitForZeroLagAsync(OpsTool tool, WorkerSettings settings)
    {
        var deadline = DateTime.UtcNow + Patience;
        long lag;
        do
        {
            var result = await tool.RunAsync("lag", "--group", settings.GroupId, "--topic", settings.Topic, "--json");
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            lag = JsonDocument.Parse(result.Output).RootElement.GetProperty("total_lag").GetInt64();
            if (lag > 0)
                await Task.Delay(200);
        }
        while (lag > 0 && DateTime.UtcNow < deadline);
        Assert.That(lag, Is.Zero, "the worker consumed the replayed record");
    }
}

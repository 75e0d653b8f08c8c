using System.Text;
using Confluent.Kafka;
using Ingestion.Consumers.Statistics;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Tests.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Ops;

/// <summary>
/// A plain producer's record with an id of its own and neither <c>timestamp</c> nor <c>receivedAt</c> is stamped with its
/// Kafka record's time. Each replay of its dead letter is a new record with a new time, so two replays (the replay's
/// crash window) store the same id at two stamps: the idempotency window must catch the second, whatever the id's version.
/// </summary>
[TestFixture]
public sealed class Replaying_a_metric_without_times
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Twice_from_the_same_dead_letter_record_with_a_uuidv7_id_stores_one_row()
    {
        var settings = await WorkerSettings.CreateAsync("ops-replay-no-times", partitions: 1);
        var original = RawTopic.Encode(RawTopic.Metric("replayed_without_times", 1) with { Timestamp = null, ReceivedAt = null });
        Headers Replayed() => new()
        {
            { DeadLetterHeaders.ReplayedFrom, Encoding.UTF8.GetBytes($"{settings.DeadLetterTopic}:0:3") },
            { DeadLetterHeaders.ReplayCount, "1"u8.ToArray() },
        };
        await using var worker = await InProcessWorker.StartAsync(settings);
        var statistics = worker.Services.GetRequiredService<WorkerStatistics>();

        await TestKafka.ProduceAsync(settings.Topic, 0, null, original, Replayed());
        await WaitForProcessedAsync(statistics, 1);
        // The second copy comes later (a new record time), after the first is stored: not de-duplicated within one batch.
        await Task.Delay(50);
        await TestKafka.ProduceAsync(settings.Topic, 0, null, original, Replayed());
        await WaitForProcessedAsync(statistics, 2);

        Assert.That(statistics.Snapshot().Processed, Is.EqualTo(2), "the worker consumed both copies");
        Assert.That(await MetricsTable.CountAsync(settings.ConnectionString, "replayed_without_times"), Is.EqualTo(1));
    }

    private static async Task WaitForProcessedAsync(WorkerStatistics statistics, long count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (statistics.Snapshot().Processed < count && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }
}

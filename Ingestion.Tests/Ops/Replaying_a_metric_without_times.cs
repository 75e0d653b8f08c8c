using Confluent.Kafka;
using Ingestion.Consumers.Statistics;
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
        Headers Replayed() => ReplayedCopies.From($"{settings.DeadLetterTopic}:0:3");
        await using var worker = await InProcessWorker.StartAsync(settings);
        var statistics = worker.Services.GetRequiredService<WorkerStatistics>();

        await TestKafka.ProduceAsync(settings.Topic, 0, null, original, Replayed());
        await ReplayedCopies.WaitForProcessedAsync(statistics, 1, Patience);
        // The second copy comes later (a new record time), after the first is stored: not de-duplicated within one batch.
        await Task.Delay(50);
        await TestKafka.ProduceAsync(settings.Topic, 0, null, original, Replayed());
        await ReplayedCopies.WaitForProcessedAsync(statistics, 2, Patience);

        Assert.That(statistics.Snapshot().Processed, Is.EqualTo(2), "the worker consumed both copies");
        Assert.That(await MetricsTable.CountAsync(settings.ConnectionString, "replayed_without_times"), Is.EqualTo(1));
    }
}

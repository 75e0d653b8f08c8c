using Ingestion.Consumers.Statistics;
using Ingestion.Tests.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Ops;

/// <summary>
/// The replay's one crash window (acknowledged but not yet committed) publishes the same DLQ record twice. A metric with an
/// id is then stored once by its primary key; one without an id must be too, although each copy sits at its own offset.
/// </summary>
[TestFixture]
public sealed class Replaying_a_metric_without_an_id
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Twice_from_the_same_dead_letter_record_stores_one_row()
    {
        var settings = await WorkerSettings.CreateAsync("ops-replay-no-id", partitions: 1);
        var original = RawTopic.Encode(RawTopic.Metric("replayed_without_id", 1, withId: false));
        await using var worker = await InProcessWorker.StartAsync(settings);

        await TestKafka.ProduceAsync(settings.Topic, 0, null, original, ReplayedCopies.From($"{settings.DeadLetterTopic}:0:7"));
        await TestKafka.ProduceAsync(settings.Topic, 0, null, original, ReplayedCopies.From($"{settings.DeadLetterTopic}:0:7"));
        // A different DLQ record with the same bytes is a different metric (two dead-lettered records, two replays).
        await TestKafka.ProduceAsync(settings.Topic, 0, null, original, ReplayedCopies.From($"{settings.DeadLetterTopic}:0:8"));
        var statistics = worker.Services.GetRequiredService<WorkerStatistics>();
        await ReplayedCopies.WaitForProcessedAsync(statistics, 3, Patience);

        Assert.That(statistics.Snapshot().Processed, Is.EqualTo(3), "the worker consumed all three copies");
        Assert.That(await MetricsTable.CountAsync(settings.ConnectionString, "replayed_without_id"), Is.EqualTo(2));
    }
}

using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Redelivery;

namespace Ingestion.Tests.Kafka.Core;

/// <summary><see cref="WindowSettlement"/> without a broker: redeliver, isolate, dead-letter, and the limits.</summary>
[TestFixture]
public sealed class Settling_a_failed_window
{
    private readonly List<TimeSpan> waits = [];

    [SetUp]
    public void SetUp() => waits.Clear();

    [Test]
    public async Task Redelivers_the_whole_window_after_a_transient_failure_and_dead_letters_nothing()
    {
        var dispatcher = new ScriptedDispatcher((_, call) => call <= 3 ? new TimeoutException("the database did not answer") : null);

        var blockage = await SettleAsync(dispatcher, CoreRecords.Records(10));

        Assert.Multiple(() =>
        {
            Assert.That(dispatcher.Dispatches.Select(d => (d.Offsets.Length, d.Delivery)), Is.EqualTo(new[] { (10, 1), (10, 2), (10, 3), (10, 4) }));
            Assert.That(waits, Is.EqualTo(new[] { Delay(0), Delay(1), Delay(1) }), "the redelivery delays, the last one repeating");
            Assert.That(dispatcher.DeadLettered, Is.Empty);
            Assert.That(dispatcher.Completed, Is.EqualTo(Enumerable.Range(0, 10).Select(i => (long)i)));
            Assert.That(blockage.Since, Is.Not.Null, "an infrastructure fault blocks the partition while it lasts");
        });
    }

    [Test]
    public async Task Splits_a_non_transient_failure_until_the_poison_record_stands_alone_and_dead_letters_only_it()
    {
        var dispatcher = new ScriptedDispatcher((r, _) => r.Offset.Value == 37 ? new InvalidOperationException("violates a constraint") : null);

        await SettleAsync(dispatcher, CoreRecords.Records(100));

        Assert.Multiple(() =>
        {
            Assert.That(dispatcher.DeadLettered.Select(d => (d.Offset, d.Kind)), Is.EqualTo(new[] { (37L, FailureKind.Permanent) }));
            Assert.That(dispatcher.Completed.Order(), Is.EqualTo(Enumerable.Range(0, 100).Where(i => i != 37).Select(i => (long)i)), "every neighbour once");
            Assert.That(waits, Is.Empty, "isolation does not wait");
            Assert.That(dispatcher.Dispatches, Has.Count.LessThanOrEqualTo(1 + 2 * 7), "about two dispatches per halving");
        });
    }

    [Test]
    public async Task Redelivers_a_records_own_failure_as_often_as_the_limit_allows_before_isolating_it()
    {
        var dispatcher = new ScriptedDispatcher((r, _) => r.Offset.Value == 3 ? new InvalidOperationException("still broken") : null);

        await SettleAsync(dispatcher, CoreRecords.Records(8), nonTransientRedeliveryLimit: 2);

        Assert.Multiple(() =>
        {
            Assert.That(dispatcher.Dispatches.Take(3).Select(d => (d.Offsets.Length, d.Delivery)), Is.EqualTo(new[] { (8, 1), (8, 2), (8, 3) }),
                "the whole window twice more");
            Assert.That(waits, Has.Count.EqualTo(2));
            Assert.That(dispatcher.DeadLettered.Select(d => d.Offset), Is.EqualTo(new[] { 3L }));
        });
    }

    [Test]
    public async Task Counts_the_attempts_of_a_poison_record_as_retries_and_redeliveries_not_isolating_dispatches()
    {
        // Each dispatch makes 3 consume attempts (2 in-memory retries); the window is redelivered once before the split.
        var dispatcher = new ScriptedDispatcher((r, _) => r.Offset.Value == 5 ? new InvalidOperationException("poison") : null) { TriesPerDispatch = 3 };

        await SettleAsync(dispatcher, CoreRecords.Records(20), nonTransientRedeliveryLimit: 1);

        Assert.Multiple(() =>
        {
            Assert.That(dispatcher.Dispatches.Count(d => d.Offsets.Contains(5)), Is.GreaterThan(4), "isolation dispatched it several more times");
            Assert.That(dispatcher.DeadLettered.Select(d => d.Attempts), Is.EqualTo(new[] { 6 }), "(1 + 2 retries) x (1 + 1 redelivery)");
        });
    }

    [Test]
    public async Task Dead_letters_a_record_dispatched_alone_with_its_own_attempts()
    {
        var dispatcher = new ScriptedDispatcher((_, _) => new InvalidMessageException("value: must be a finite number")) { TriesPerDispatch = 1 };

        await SettleAsync(dispatcher, CoreRecords.Records(1));

        Assert.That(dispatcher.DeadLettered, Is.EqualTo(new[] { (0L, 1, FailureKind.Validation) }));
    }

    [Test]
    public async Task Waits_out_a_final_failure_that_no_error_filter_settled_and_never_drops_it()
    {
        var dispatcher = new ScriptedDispatcher((_, call) => call <= 2 ? new InvalidOperationException("poison") : null) { ErrorPipeSettles = false };

        var blockage = await SettleAsync(dispatcher, CoreRecords.Records(1));

        Assert.Multiple(() =>
        {
            Assert.That(dispatcher.DeadLettered, Is.Empty);
            Assert.That(waits, Has.Count.EqualTo(2), "redelivered after the delays instead");
            Assert.That(dispatcher.Completed, Is.EqualTo(new[] { 0L }));
            Assert.That(blockage.Since, Is.Not.Null);
        });
    }

    private static TimeSpan Delay(int index) => TimeSpan.FromMilliseconds(100 * (index + 1));

    private async Task<PartitionBlockage> SettleAsync(ScriptedDispatcher dispatcher, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> window,
        int nonTransientRedeliveryLimit = 0)
    {
        var rules = new SettlementRules(TransientExceptions.IsTransient, null, nonTransientRedeliveryLimit, [Delay(0), Delay(1)]);
        var settlement = new WindowSettlement(dispatcher, rules, CoreRecords.Telemetry, (delay, _) =>
        {
            waits.Add(delay);
            return Task.CompletedTask;
        });
        var blockage = new PartitionBlockage();
        var first = await dispatcher.DispatchAsync(window, settlement.FirstAttempt(window.Count), CancellationToken.None);
        if (first.Failures is not null)
            await settlement.SettleAsync(window, first, new SettlementScope(0, blockage, CancellationToken.None, CancellationToken.None));
        return blockage;
    }
}

using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Tests.Kafka.Support;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>
/// <see cref="WindowCombiner"/> without a broker: a window goes at once while a slot is free; windows that wait for a slot go
/// together as one dispatch, whole windows up to the window size; the outcome is split by partition; a stop withdraws a
/// waiting window and an abort cancels a combined dispatch only once all its partitions aborted.
/// </summary>
[TestFixture]
public sealed class Combining_the_windows_of_several_partitions
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Test]
    public async Task Dispatches_a_window_at_once_and_alone_while_a_slot_is_free()
    {
        var dispatcher = new HoldingDispatcher();
        using var gate = new SemaphoreSlim(2);
        var combiner = Combiner(dispatcher, gate);

        var outcome = await combiner.SubmitAsync(Window(partition: 0, 0, 3)).WaitAsync(Patience);
        await Eventually.Until(() => gate.CurrentCount == 2, Patience, "the slot was given back");

        Assert.Multiple(() =>
        {
            Assert.That(dispatcher.Dispatches, Is.EqualTo(new[] { new[] { "0@0", "0@1", "0@2" } }));
            Assert.That(outcome.Failures, Is.Null);
        });
    }

    [Test]
    public async Task Dispatches_the_windows_that_waited_for_a_busy_slot_together_as_one_each_partition_in_offset_order()
    {
        var dispatcher = new HoldingDispatcher { HoldFirst = true };
        using var gate = new SemaphoreSlim(1);
        var combiner = Combiner(dispatcher, gate);

        var first = combiner.SubmitAsync(Window(partition: 0, 0, 2));
        await dispatcher.FirstStarted.WaitAsync(Patience);
        var waiting = new[] { combiner.SubmitAsync(Window(partition: 1, 10, 3)), combiner.SubmitAsync(Window(partition: 2, 20, 2)) };
        Assert.That(combiner.Waiting, Is.EqualTo(2), "both wait while the only slot is busy");
        dispatcher.Release();
        await Task.WhenAll([first, .. waiting]).WaitAsync(Patience);

        Assert.That(dispatcher.Dispatches, Is.EqualTo(new[]
        {
            new[] { "0@0", "0@1" },
            new[] { "1@10", "1@11", "1@12", "2@20", "2@21" },
        }));
    }

    [Test]
    public async Task Combines_whole_windows_only_up_to_the_window_size_in_records()
    {
        var dispatcher = new HoldingDispatcher { HoldFirst = true };
        using var gate = new SemaphoreSlim(1);
        var combiner = Combiner(dispatcher, gate, windowSize: 10);

        var first = combiner.SubmitAsync(Window(partition: 0, 0, 3));
        await dispatcher.FirstStarted.WaitAsync(Patience);
        var waiting = new[]
        {
            combiner.SubmitAsync(Window(partition: 1, 0, 4)),
            combiner.SubmitAsync(Window(partition: 2, 0, 4)),
            combiner.SubmitAsync(Window(partition: 3, 0, 3)), // 4 + 4 + 3 > 10: it goes next, whole
        };
        dispatcher.Release();
        await Task.WhenAll([first, .. waiting]).WaitAsync(Patience);

        Assert.That(dispatcher.Dispatches.Select(d => string.Join(' ', d.Select(r => r[..1]).Distinct())), Is.EqualTo(new[] { "0", "1 2", "3" }));
        Assert.That(dispatcher.Dispatches.Select(d => d.Length), Is.EqualTo(new[] { 3, 8, 3 }));
    }

    [Test]
    public async Task Tops_a_waiting_window_up_from_its_queue_within_the_room_the_combined_window_has_left()
    {
        var dispatcher = new HoldingDispatcher { HoldFirst = true };
        using var gate = new SemaphoreSlim(1);
        var combiner = Combiner(dispatcher, gate, windowSize: 6);
        var queued = new Queue<ConsumeResult<byte[]?, byte[]>>(Enumerable.Range(2, 10).Select(o => CoreRecords.Record(o, partition: 2)));

        var first = combiner.SubmitAsync(Window(partition: 0, 0, 1));
        await dispatcher.FirstStarted.WaitAsync(Patience);
        var one = combiner.SubmitAsync(Window(partition: 1, 0, 3));
        var two = combiner.SubmitAsync(Window(partition: 2, 0, 2, (records, limit) =>
        {
            while (records.Count < limit && queued.TryDequeue(out var record)) records.Add(record);
        }));
        dispatcher.Release();
        await Task.WhenAll(first, one, two).WaitAsync(Patience);

        Assert.That(dispatcher.Dispatches[1], Is.EqualTo(new[] { "1@0", "1@1", "1@2", "2@0", "2@1", "2@2" }), "one more record fits");
    }

    [Test]
    public async Task Splits_the_outcome_by_partition_so_a_failing_record_of_one_partition_leaves_the_others_window_completed()
    {
        var dispatcher = new HoldingDispatcher { HoldFirst = true, Fail = r => r.Partition.Value == 1 && r.Offset.Value == 11 ? new FormatException("unreadable") : null };
        using var gate = new SemaphoreSlim(1);
        var combiner = Combiner(dispatcher, gate);

        var first = combiner.SubmitAsync(Window(partition: 0, 0, 1));
        await dispatcher.FirstStarted.WaitAsync(Patience);
        var failing = combiner.SubmitAsync(Window(partition: 1, 10, 3));
        var completed = combiner.SubmitAsync(Window(partition: 2, 20, 3));
        dispatcher.Release();
        await Task.WhenAll(first, failing, completed).WaitAsync(Patience);

        Assert.Multiple(() =>
        {
            Assert.That(dispatcher.Dispatches, Has.Count.EqualTo(2), "one combined dispatch after the first");
            Assert.That(failing.Result.Failures!.Select(f => $"{f.Record.Partition.Value}@{f.Record.Offset.Value}"), Is.EqualTo(new[] { "1@11" }));
            Assert.That(completed.Result.Failures, Is.Null);
        });
    }

    [Test]
    public async Task Withdraws_a_window_still_waiting_when_its_partition_stops_and_never_dispatches_it()
    {
        var dispatcher = new HoldingDispatcher { HoldFirst = true };
        using var gate = new SemaphoreSlim(1);
        var combiner = Combiner(dispatcher, gate);
        using var stopping = new CancellationTokenSource();

        var first = combiner.SubmitAsync(Window(partition: 0, 0, 1));
        await dispatcher.FirstStarted.WaitAsync(Patience);
        var withdrawn = combiner.SubmitAsync(Window(partition: 1, 0, 2, stopping: stopping.Token));
        await stopping.CancelAsync();
        dispatcher.Release();
        await first.WaitAsync(Patience);
        await Eventually.Until(() => gate.CurrentCount == 1, Patience, "the slot was given back");

        Assert.Multiple(() =>
        {
            Assert.That(withdrawn.IsCanceled, Is.True);
            Assert.That(dispatcher.Dispatches, Has.Count.EqualTo(1));
            Assert.That(combiner.Waiting, Is.Zero);
        });
    }

    [Test]
    public async Task Lets_a_window_in_flight_finish_when_its_partition_stops()
    {
        var dispatcher = new HoldingDispatcher { HoldFirst = true };
        using var gate = new SemaphoreSlim(1);
        var combiner = Combiner(dispatcher, gate);
        using var stopping = new CancellationTokenSource();

        var inFlight = combiner.SubmitAsync(Window(partition: 0, 0, 2, stopping: stopping.Token));
        await dispatcher.FirstStarted.WaitAsync(Patience);
        await stopping.CancelAsync();
        dispatcher.Release();

        Assert.That((await inFlight.WaitAsync(Patience)).Failures, Is.Null);
    }

    [Test]
    public async Task Cancels_a_combined_dispatch_only_once_every_partition_in_it_aborted()
    {
        var dispatcher = new HoldingDispatcher { HoldFirst = true, RunUntilCancelled = true };
        using var gate = new SemaphoreSlim(1);
        var combiner = Combiner(dispatcher, gate);
        using var firstAborting = new CancellationTokenSource();
        using var oneAborting = new CancellationTokenSource();
        using var twoAborting = new CancellationTokenSource();

        var first = combiner.SubmitAsync(Window(partition: 0, 0, 1, aborting: firstAborting.Token));
        await dispatcher.FirstStarted.WaitAsync(Patience);
        var one = combiner.SubmitAsync(Window(partition: 1, 0, 1, aborting: oneAborting.Token));
        var two = combiner.SubmitAsync(Window(partition: 2, 0, 1, aborting: twoAborting.Token));
        dispatcher.Release();
        await firstAborting.CancelAsync();
        await Eventually.Until(() => dispatcher.Dispatches.Count == 2, Patience, "the combined window went");
        await oneAborting.CancelAsync();
        await Task.Delay(100);
        var runningAfterOneAbort = !two.IsCompleted;
        await twoAborting.CancelAsync();

        Assert.Multiple(() =>
        {
            Assert.That(runningAfterOneAbort, Is.True, "partition 2 still wants its window");
            Assert.That(async () => await two.WaitAsync(Patience), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(async () => await one.WaitAsync(Patience), Throws.InstanceOf<OperationCanceledException>());
        });
    }

    [Test]
    public async Task Dispatches_waiting_windows_one_by_one_when_combining_is_off()
    {
        var dispatcher = new HoldingDispatcher { HoldFirst = true };
        using var gate = new SemaphoreSlim(1);
        var combiner = Combiner(dispatcher, gate, combines: false);

        var first = combiner.SubmitAsync(Window(partition: 0, 0, 1));
        await dispatcher.FirstStarted.WaitAsync(Patience);
        var waiting = new[] { combiner.SubmitAsync(Window(partition: 1, 0, 2)), combiner.SubmitAsync(Window(partition: 2, 0, 2)) };
        dispatcher.Release();
        await Task.WhenAll([first, .. waiting]).WaitAsync(Patience);

        Assert.That(dispatcher.Dispatches.Select(d => d.Length), Is.EqualTo(new[] { 1, 2, 2 }));
    }

    private static WindowCombiner Combiner(IWindowDispatcher dispatcher, SemaphoreSlim gate, int windowSize = 100, bool combines = true)
    {
        var rules = new SettlementRules(_ => false, null, 0, [TimeSpan.FromMilliseconds(10)]);
        return new WindowCombiner(dispatcher, new WindowSettlement(dispatcher, rules, CoreRecords.Telemetry), gate, windowSize, combines, CoreRecords.Telemetry);
    }

    private static SubmittedWindow Window(int partition, long first, int count, Action<List<ConsumeResult<byte[]?, byte[]>>, int>? topUp = null,
        CancellationToken stopping = default, CancellationToken aborting = default) =>
        new([.. Enumerable.Range(0, count).Select(i => CoreRecords.Record(first + i, partition))], topUp ?? ((_, _) => { }), _ => { }, stopping, aborting);
}

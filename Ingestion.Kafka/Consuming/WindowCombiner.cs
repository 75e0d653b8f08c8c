using Confluent.Kafka;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Group commit for an endpoint's partitions: a partition's window goes at once while fewer than the concurrency limit
/// dispatches are in flight (the gate); windows submitted while every slot is busy wait in line and, once a slot frees, go
/// together as one dispatch, whole windows only, up to the window size in records, each partition's records in offset
/// order. With a window batch consumer that is one <c>Batch&lt;T&gt;</c> and one transaction for several partitions, so at
/// low rates (windows of a few records) the per-window cost is paid once for all of them. The dispatch's outcome is split
/// by each failed record's partition; each partition settles its own failures (<see cref="SettleAsync"/>, under a slot).
/// Without combining (record-by-record endpoints, or turned off), windows wait in the same line and go one by one.
/// </summary>
internal sealed class WindowCombiner(IWindowDispatcher dispatcher, WindowSettlement settlement, SemaphoreSlim? gate, int windowSize, bool combines,
    EndpointTelemetry telemetry)
{
    private readonly Lock sync = new();
    private readonly LinkedList<SubmittedWindow> waiting = new();
    private bool pumping;

    /// <summary>Windows waiting for a slot (for tests and gauges).</summary>
    public int Waiting
    {
        get
        {
            lock (sync) return waiting.Count;
        }
    }

    /// <summary>
    /// Dispatches <paramref name="window"/> at once when a slot is free, else when one frees, with the windows waiting
    /// alongside it. The outcome holds only this window's failures; it is cancelled when the partition stops before its window went.
    /// </summary>
    public Task<DispatchOutcome> SubmitAsync(SubmittedWindow window)
    {
        if (gate is null)
        {
            window.TopUp(windowSize);
            _ = DispatchAsync([window], window.Records, holdsSlot: false);
            return window.Outcome;
        }

        bool now, startPump = false;
        lock (sync)
        {
            now = waiting.Count == 0 && gate.Wait(0);
            if (now)
            {
                window.TopUp(windowSize);
            }
            else
            {
                var node = waiting.AddLast(window);
                if (!pumping) pumping = startPump = true;
                window.WatchStop(() => Withdraw(node));
            }
        }
        if (now) _ = DispatchAsync([window], window.Records, holdsSlot: true);
        else if (startPump) _ = PumpAsync(gate);
        return window.Outcome;
    }

    /// <summary>Settles a partition's failed records under a slot of their own, as the partition's window did before combining.</summary>
    public async Task SettleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchOutcome outcome, SettlementScope scope)
    {
        if (gate is not null) await gate.WaitAsync(scope.Aborting).ConfigureAwait(false);
        try
        {
            await settlement.SettleAsync(records, outcome, scope).ConfigureAwait(false);
        }
        finally
        {
            gate?.Release();
        }
    }

    private void Withdraw(LinkedListNode<SubmittedWindow> node)
    {
        lock (sync)
        {
            // Gone already: it is in flight and finishes.
            if (node.List is null) return;
            waiting.Remove(node);
        }
        node.Value.Withdraw();
    }

    /// <summary>Takes a slot for the windows in line, one group per slot, until the line is empty.</summary>
    private async Task PumpAsync(SemaphoreSlim slots)
    {
        while (true)
        {
            await slots.WaitAsync().ConfigureAwait(false);
            List<SubmittedWindow>? group;
            bool more;
            lock (sync)
            {
                group = TakeGroup();
                more = waiting.Count > 0;
                if (!more) pumping = false;
            }
            if (group is null) slots.Release();
            else _ = DispatchAsync(group, Combined(group), holdsSlot: true);
            if (!more) return;
        }
    }

    /// <summary>The windows at the head of the line that fit in one window together, each topped up from its queue (lock held).</summary>
    private List<SubmittedWindow>? TakeGroup()
    {
        List<SubmittedWindow>? group = null;
        var count = 0;
        while (waiting.First is { } head)
        {
            var next = head.Value;
            if (group is not null && (!combines || count + next.Records.Count > windowSize)) break;
            waiting.RemoveFirst();
            next.StopWatching();
            // Room for what its partition queued meanwhile, behind its records, up to what the group can still take.
            next.TopUp(windowSize - count);
            count += next.Records.Count;
            (group ??= []).Add(next);
        }
        return group;
    }

    private static IReadOnlyList<ConsumeResult<byte[]?, byte[]>> Combined(List<SubmittedWindow> group)
    {
        if (group.Count == 1) return group[0].Records;
        var records = new List<ConsumeResult<byte[]?, byte[]>>(group.Sum(w => w.Records.Count));
        foreach (var window in group) records.AddRange(window.Records);
        return records;
    }

    private async Task DispatchAsync(List<SubmittedWindow> group, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, bool holdsSlot)
    {
        using var aborting = GroupAborting.For(group);
        try
        {
            foreach (var window in group) window.Dispatching();
            KafkaMetrics.Dispatched.Add(1, telemetry.Tags);
            var outcome = await dispatcher.DispatchAsync(records, settlement.FirstAttempt(records.Count), aborting.Token).ConfigureAwait(false);
            Split(group, outcome);
        }
        catch (Exception exception)
        {
            foreach (var window in group) window.Fail(exception);
        }
        finally
        {
            if (holdsSlot) gate!.Release();
        }
    }

    /// <summary>Gives each window the failures of its own partition (none: completed).</summary>
    private static void Split(List<SubmittedWindow> group, DispatchOutcome outcome)
    {
        if (group.Count == 1 || outcome.Failures is null)
        {
            foreach (var window in group) window.Complete(outcome);
            return;
        }
        foreach (var window in group)
        {
            List<RecordFailure>? own = null;
            foreach (var failure in outcome.Failures)
            {
                if (failure.Record.Partition.Value == window.Partition) (own ??= []).Add(failure);
            }
            window.Complete(own is null ? new DispatchOutcome(null, outcome.Attempts) : new DispatchOutcome(own, outcome.Attempts));
        }
    }
}

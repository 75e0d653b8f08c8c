using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// One partition's window handed to the <see cref="WindowCombiner"/>: its records in offset order, how it tops itself up from
/// its queue while it waits, what its worker counts once it goes, and the outcome of its own records once the dispatch
/// that carried it (alone or with other partitions' windows) is over.
/// </summary>
internal sealed class SubmittedWindow(
    List<ConsumeResult<byte[]?, byte[]>> records,
    Action<List<ConsumeResult<byte[]?, byte[]>>, int> topUp,
    Action<int> dispatching,
    CancellationToken stopping,
    CancellationToken aborting)
{
    private readonly TaskCompletionSource<DispatchOutcome> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration stopWatch;

    public List<ConsumeResult<byte[]?, byte[]>> Records => records;

    public int Partition => records[0].Partition.Value;

    /// <summary>The partition stops taking windows: a window still waiting for a slot is withdrawn (never dispatched).</summary>
    public CancellationToken Stopping => stopping;

    /// <summary>The partition's windows in flight are cancelled (a stop past its timeout).</summary>
    public CancellationToken Aborting => aborting;

    /// <summary>What became of this window's records; cancelled when the window was withdrawn before it went.</summary>
    public Task<DispatchOutcome> Outcome => outcome.Task;

    /// <summary>Takes what its partition queued meanwhile, up to <paramref name="limit"/> records in all (no wait).</summary>
    public void TopUp(int limit) => topUp(records, limit);

    /// <summary>The window goes now, with the records it holds.</summary>
    public void Dispatching() => dispatching(records.Count);

    public void Complete(DispatchOutcome result) => outcome.TrySetResult(result);

    public void Fail(Exception exception) => outcome.TrySetException(exception);

    public bool Withdraw() => outcome.TrySetCanceled(stopping);

    /// <summary>Runs <paramref name="onStop"/> when the partition stops while the window waits.</summary>
    public void WatchStop(Action onStop) => stopWatch = stopping.Register(onStop);

    /// <summary>The window left the line: a stop no longer withdraws it (never blocks on a running callback).</summary>
    public void StopWatching() => stopWatch.Unregister();
}

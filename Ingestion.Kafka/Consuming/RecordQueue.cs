using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// The records fetched for one partition and not yet dispatched: one writer (the poll thread), one reader (the partition
/// worker), taken a window at a time. Its ring grows to the deepest backlog and is then reused, so a steady flow allocates
/// nothing here (the channel it replaced allocated ever larger segments, soon on the large-object heap).
/// </summary>
internal sealed class RecordQueue
{
    private readonly Queue<ConsumeResult<byte[]?, byte[]>> records = new();
    private readonly Lock gate = new();
    private TaskCompletionSource<bool>? waiter;
    private TaskCompletionSource<bool>? filler;
    private int fillAt;
    private bool completed;

    /// <summary>Adds a record and wakes the reader; ignored once <see cref="Complete"/> was called.</summary>
    public void Add(ConsumeResult<byte[]?, byte[]> record)
    {
        TaskCompletionSource<bool>? wake;
        TaskCompletionSource<bool>? filled = null;
        lock (gate)
        {
            if (completed) return;
            records.Enqueue(record);
            wake = waiter;
            waiter = null;
            if (filler is not null && records.Count >= fillAt)
            {
                filled = filler;
                filler = null;
            }
        }
        wake?.TrySetResult(true);
        filled?.TrySetResult(true);
    }

    /// <summary>No more records: a waiting reader gets <c>false</c>.</summary>
    public void Complete()
    {
        TaskCompletionSource<bool>? wake;
        TaskCompletionSource<bool>? filled;
        lock (gate)
        {
            completed = true;
            wake = waiter;
            waiter = null;
            filled = filler;
            filler = null;
        }
        wake?.TrySetResult(false);
        filled?.TrySetResult(false);
    }

    /// <summary>Moves up to <paramref name="limit"/> records into <paramref name="window"/>, waiting while there are none.</summary>
    /// <returns><c>false</c> once the queue is completed.</returns>
    public async ValueTask<bool> TakeAsync(List<ConsumeResult<byte[]?, byte[]>> window, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<bool> wait;
            lock (gate)
            {
                if (completed) return false;
                while (window.Count < limit && records.TryDequeue(out var record))
                    window.Add(record);
                if (window.Count > 0) return true;
                waiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = waiter.Task;
            }
            if (!await wait.WaitAsync(cancellationToken).ConfigureAwait(false)) return false;
        }
    }

    /// <summary>
    /// Moves what is queued now, up to <paramref name="limit"/> records in all, into <paramref name="window"/> without
    /// waiting (a window topping itself up); nothing once the queue is completed.
    /// </summary>
    public void TakeAvailable(List<ConsumeResult<byte[]?, byte[]>> window, int limit)
    {
        lock (gate)
        {
            if (completed) return;
            while (window.Count < limit && records.TryDequeue(out var record))
                window.Add(record);
        }
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> records are queued, the queue is completed, or
    /// <paramref name="timeLimit"/> has passed, whichever comes first (a small window waiting to fill).
    /// </summary>
    public async ValueTask WaitForAsync(int count, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        Task<bool> wait;
        lock (gate)
        {
            if (completed || records.Count >= count) return;
            fillAt = count;
            filler = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = filler.Task;
        }
        try
        {
            await wait.WaitAsync(timeLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The time limit passed: the window goes with what it has.
        }
        finally
        {
            lock (gate)
            {
                if (filler?.Task == wait) filler = null;
            }
        }
    }
}

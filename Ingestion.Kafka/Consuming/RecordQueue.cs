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
    private bool completed;

    /// <summary>Adds a record and wakes the reader; ignored once <see cref="Complete"/> was called.</summary>
    public void Add(ConsumeResult<byte[]?, byte[]> record)
    {
        TaskCompletionSource<bool>? wake;
        lock (gate)
        {
            if (completed) return;
            records.Enqueue(record);
            wake = waiter;
            waiter = null;
        }
        wake?.TrySetResult(true);
    }

    /// <summary>No more records: a waiting reader gets <c>false</c>.</summary>
    public void Complete()
    {
        TaskCompletionSource<bool>? wake;
        lock (gate)
        {
            completed = true;
            wake = waiter;
            waiter = null;
        }
        wake?.TrySetResult(false);
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
}

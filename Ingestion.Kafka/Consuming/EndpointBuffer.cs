namespace Ingestion.Kafka.Consuming;

/// <summary>
/// The records the poll loop fetched and no worker took yet, against the endpoint's limit (past it the client keeps the
/// rest in its own queue, outside the managed heap), and the workers' requests for housekeeping.
/// </summary>
internal sealed class EndpointBuffer(int limit) : IFetchBuffer
{
    private readonly ManualResetEventSlim drained = new(initialState: true);
    private int buffered;
    private int housekeepingRequested;

    public int Count => Volatile.Read(ref buffered);

    public bool IsFull => Count >= limit;

    public void Added() => Interlocked.Increment(ref buffered);

    public void Taken(int count)
    {
        if (Interlocked.Add(ref buffered, -count) < limit)
            drained.Set();
    }

    public void RequestHousekeeping() => Volatile.Write(ref housekeepingRequested, 1);

    public bool HousekeepingRequested => Volatile.Read(ref housekeepingRequested) != 0;

    /// <summary>Clears the housekeeping request (the poll thread is about to do it).</summary>
    public void HousekeepingDone() => Interlocked.Exchange(ref housekeepingRequested, 0);

    /// <summary>Waits up to <paramref name="milliseconds"/> for the workers to take records below the limit.</summary>
    public void WaitForRoom(int milliseconds, CancellationToken cancellationToken)
    {
        drained.Reset();
        if (IsFull) drained.Wait(milliseconds, cancellationToken);
    }
}

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Whether a partition waits out an infrastructure fault: set when a redelivery is scheduled for a failure that is not the
/// record's, cleared when a window completes. Written by the partition's worker, read by health checks and gauges.
/// </summary>
internal sealed class PartitionBlockage
{
    private long sinceTicks;
    private volatile string? reason;

    /// <summary>Since when the partition is blocked, or null.</summary>
    public DateTimeOffset? Since => Interlocked.Read(ref sinceTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>The last failure while blocked (type and message, which for PostgreSQL starts with the SQLSTATE).</summary>
    public string? Reason => reason;

    public void Block(Exception exception)
    {
        // The first line: PostgreSQL's messages go on with detail lines (POSITION, DETAIL) that a health report does not need.
        var message = exception.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        reason = $"{exception.GetType().Name}: {(end < 0 ? message : message[..end])}";
        Interlocked.CompareExchange(ref sinceTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
    }

    public void Clear()
    {
        if (Interlocked.Read(ref sinceTicks) == 0) return;
        Interlocked.Exchange(ref sinceTicks, 0);
        reason = null;
    }
}

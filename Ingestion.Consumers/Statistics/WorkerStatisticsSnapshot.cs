namespace Ingestion.Consumers.Statistics;

/// <summary>The totals at one moment; two snapshots give rates over an interval.</summary>
public sealed record WorkerStatisticsSnapshot(
    long Processed, long Persisted, long Failed, long DeadLettered, long Batches, TimeSpan BatchTime, long Lag, TimeSpan Uptime);

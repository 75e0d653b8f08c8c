namespace Ingestion.Api.Operations;

/// <summary>What one worker's <c>/health/ready</c> and <c>/metrics</c> said (figures null when absent or unreadable).</summary>
public sealed record WorkerReading(
    string Url,
    string State,
    string? Detail,
    double? PersistedTotal,
    double? DeadLetteredTotal,
    double? BlockedSeconds,
    double? PartitionRestarts);

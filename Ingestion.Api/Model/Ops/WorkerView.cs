namespace Ingestion.Api.Model.Ops;

/// <summary>One worker as read from its own endpoints. Figures are null when the worker did not answer or does not export them.</summary>
/// <param name="Url">The worker's base URL (from <c>Dashboard:Workers</c>).</param>
/// <param name="State"><c>ready</c>, <c>unready</c> (its readiness answered non-200) or <c>unreachable</c>.</param>
/// <param name="Detail">Why it is unready or unreachable (the readiness body or the connection error).</param>
/// <param name="PersistedPerSecond">New rows written per second (null until two readings exist).</param>
/// <param name="PersistedTotal">New rows written since the worker started.</param>
/// <param name="DeadLetteredTotal">Records the worker sent to the dead-letter topic since it started.</param>
/// <param name="BlockedSeconds">How long the worker has been blocked on an infrastructure fault (0 when it is not).</param>
/// <param name="PartitionRestarts">Partition restarts after unexpected faults since the worker started.</param>
public sealed record WorkerView(
    string Url,
    string State,
    string? Detail,
    double? PersistedPerSecond,
    long? PersistedTotal,
    long? DeadLetteredTotal,
    double? BlockedSeconds,
    long? PartitionRestarts);

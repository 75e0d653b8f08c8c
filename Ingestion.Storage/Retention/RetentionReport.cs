namespace Ingestion.Storage.Retention;

/// <summary>What one retention run did (or, in a dry run, would do).</summary>
/// <param name="Ran">False when another process held the retention lock, so this one did nothing.</param>
/// <param name="DryRun">True when nothing was changed.</param>
/// <param name="PartitionsCreated">Partitions created ahead of time.</param>
/// <param name="Expired">The partitions dropped (or that a real run would drop).</param>
public sealed record RetentionReport(bool Ran, bool DryRun, int PartitionsCreated, IReadOnlyList<ExpiredPartition> Expired);

namespace Ingestion.Ops.DeadLetters;

/// <summary>A DLQ partition's offsets when the command started, and the replay group's position in it.</summary>
internal sealed record PartitionRange(int Partition, long Low, long High, long? ReplayPosition)
{
    /// <summary>Where a replay resumes: the replay group's position, or the log start if it never committed or was truncated.</summary>
    public long ReplayStart => Math.Max(ReplayPosition ?? Low, Low);
}

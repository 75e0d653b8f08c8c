using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// How far one partition got: the next offset after the last completed window (moved by its worker, only ever past records
/// that completed or were dead-lettered, so it is contiguous) and the offset last committed (by the checkpointer).
/// Survives a restart of the partition's worker.
/// </summary>
internal sealed class PartitionProgress(TopicPartition topicPartition, Checkpointer checkpointer)
{
    private long committable = -1;

    public TopicPartition TopicPartition => topicPartition;

    public int Partition => topicPartition.Partition.Value;

    /// <summary>The next offset to read once everything before it completed; -1 before the first window completed.</summary>
    public long Committable => Volatile.Read(ref committable);

    /// <summary>The offset last committed for this partition; -1 before the first commit (poll thread only).</summary>
    public long Committed { get; internal set; } = -1;

    /// <summary>A window of <paramref name="count"/> records completed: everything before <paramref name="next"/> is done.</summary>
    public void Complete(long next, int count)
    {
        Volatile.Write(ref committable, next);
        checkpointer.Completed(count);
    }
}

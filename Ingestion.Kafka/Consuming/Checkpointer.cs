using System.Collections.Concurrent;
using Confluent.Kafka;

using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Commits what the partitions completed: the contiguous offset each one reached (never past an unfinished or failed
/// record), batched: after <c>CheckpointMessageCount</c> completed records or every <c>CheckpointInterval</c>, whichever
/// comes first, and on revoke and on stop (with a few more tries). Runs on the poll thread; workers only count completions.
/// </summary>
internal sealed class Checkpointer(IOffsetCommitter committer, int messageCount, TimeSpan interval, EndpointTelemetry telemetry)
{
    private readonly ConcurrentDictionary<int, long> committed = new();
    private int completedSinceCommit;
    private long nextCommitAt = long.MinValue;

    /// <summary>The offsets this member committed last, per partition it still owns.</summary>
    public IReadOnlyDictionary<int, long> CommittedOffsets => committed;

    public PartitionProgress Track(TopicPartition partition) => new(partition, this);

    /// <summary>Workers: <paramref name="count"/> records completed.</summary>
    public void Completed(int count) => Interlocked.Add(ref completedSinceCommit, count);

    /// <summary>Whether enough completed (by count) that the poll loop should not wait for its next housekeeping tick.</summary>
    public bool CountReached => Volatile.Read(ref completedSinceCommit) >= messageCount;

    /// <summary>Commits <paramref name="partitions"/> when the interval has passed or the count is reached; <paramref name="now"/> in milliseconds.</summary>
    public IReadOnlyList<TopicPartitionOffset>? CommitIfDue(long now, IEnumerable<PartitionProgress> partitions)
    {
        if (nextCommitAt == long.MinValue) nextCommitAt = now + (long)interval.TotalMilliseconds;
        if (now < nextCommitAt && !CountReached) return null;
        nextCommitAt = now + (long)interval.TotalMilliseconds;
        return Commit(partitions);
    }

    /// <summary>Commits whatever <paramref name="partitions"/> completed since their last commit; null when nothing new or the commit failed.</summary>
    /// <param name="partitions">The partitions to commit.</param>
    /// <param name="attempts">Tries before giving up: a periodic commit is simply made again later; the last one (revoke, stop) is worth a few.</param>
    public IReadOnlyList<TopicPartitionOffset>? Commit(IEnumerable<PartitionProgress> partitions, int attempts = 1)
    {
        Interlocked.Exchange(ref completedSinceCommit, 0);
        List<TopicPartitionOffset>? offsets = null;
        List<PartitionProgress>? committing = null;
        foreach (var partition in partitions)
        {
            var next = partition.Committable;
            if (next <= partition.Committed) continue;
            (offsets ??= []).Add(new TopicPartitionOffset(partition.TopicPartition, next));
            (committing ??= []).Add(partition);
        }
        if (offsets is null) return null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                committer.Commit(offsets);
                for (var i = 0; i < committing!.Count; i++)
                {
                    committing[i].Committed = offsets[i].Offset.Value;
                    committed[committing[i].Partition] = offsets[i].Offset.Value;
                }
                return offsets;
            }
            catch (KafkaException exception)
            {
                telemetry.Log.CommitFailed(telemetry.Topic, exception.Error.Reason);
                if (attempt >= attempts || exception.Error.IsFatal) return null;
                Thread.Sleep(100 * attempt);
            }
        }
    }

    /// <summary>The partition left this member: its committed offset is no longer reported.</summary>
    public void Forget(int partition) => committed.TryRemove(partition, out _);
}

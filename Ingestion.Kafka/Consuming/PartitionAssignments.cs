using Confluent.Kafka;

using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// The partitions assigned to this member and their workers (poll thread only): starts a worker per assigned partition,
/// routes fetched records to it, pauses a partition whose buffer is full and resumes it once drained, and on revoke, loss
/// or stop waits for the windows in flight and has them committed.
/// </summary>
internal sealed class PartitionAssignments(
    IPartitionClient client, Checkpointer checkpointer, EndpointBuffer buffer, PartitionWorkerServices services,
    int partitionBufferLimit, TimeSpan stopTimeout)
{
    private readonly Dictionary<int, PartitionWorker> workers = [];
    private volatile PartitionWorker[] published = [];
    private volatile int[] assigned = [];

    /// <summary>The workers as last published (any thread).</summary>
    public IReadOnlyList<PartitionWorker> Current => published;

    public IReadOnlyCollection<int> Assigned => assigned;

    public IEnumerable<PartitionProgress> Progress => workers.Values.Select(w => w.Progress);

    public void OnAssigned(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (workers.ContainsKey(partition.Partition.Value)) continue;
            var worker = new PartitionWorker(services, checkpointer.Track(partition));
            workers[partition.Partition.Value] = worker;
            worker.Start();
        }
        Publish();
    }

    /// <summary>Routes a fetched record to its partition's worker, pausing the partition when its buffer is full.</summary>
    public void Route(ConsumeResult<byte[]?, byte[]> record)
    {
        if (!workers.TryGetValue(record.Partition.Value, out var worker)) return;
        var previous = worker.LastFetched;
        if (previous >= 0 && record.Offset.Value > previous + 1)
        {
            // Offsets of a plain topic are contiguous: a gap means the broker dropped records before we read them.
            var telemetry = services.Telemetry;
            telemetry.Log.Truncated(telemetry.Topic, worker.Partition, previous + 1, record.Offset.Value - 1, telemetry.GroupId);
            KafkaMetrics.Truncated.Add(record.Offset.Value - previous - 1, telemetry.Tags);
        }
        buffer.Added();
        if (worker.Enqueue(record) >= partitionBufferLimit && !worker.Paused)
        {
            client.Pause(worker.TopicPartition);
            worker.Paused = true;
        }
    }

    /// <summary>Resumes each paused partition whose worker asked for it or whose buffer drained below half.</summary>
    public void ResumeDrained()
    {
        var resumeBelow = partitionBufferLimit / 2;
        foreach (var worker in workers.Values)
        {
            if (!worker.Paused || (!worker.ResumeRequested && worker.Buffered > resumeBelow)) continue;
            client.Resume(worker.TopicPartition);
            worker.Paused = false;
        }
    }

    /// <summary>The registered worker of <paramref name="partition"/>, if it is still assigned.</summary>
    public bool IsCurrent(PartitionWorker worker) => workers.TryGetValue(worker.Partition, out var registered) && registered == worker;

    /// <summary>Puts <paramref name="replacement"/> in place of the worker it took over from (which was stopped).</summary>
    public void Replace(PartitionWorker old, PartitionWorker replacement)
    {
        old.Stop();
        buffer.Taken(old.Buffered);
        workers[old.Partition] = replacement;
        Publish();
        if (old.Paused)
            client.Resume(old.TopicPartition);
        replacement.Start();
    }

    /// <summary>
    /// Stops the partitions' workers, waits for their windows in flight (up to the stop timeout) and, unless the partitions
    /// were lost, commits what they completed.
    /// </summary>
    public IReadOnlyList<TopicPartitionOffset>? Release(IEnumerable<int> partitions, bool commit)
    {
        var stopping = new List<PartitionWorker>();
        foreach (var partition in partitions.ToList())
        {
            if (!workers.Remove(partition, out var worker)) continue;
            worker.Stop();
            stopping.Add(worker);
        }
        Publish();
        if (stopping.Count == 0) return null;
        // The poll thread is ours (not a pool thread), so blocking it here is what Kafka expects of a revoke callback.
        Task.WhenAll(stopping.Select(w => w.WaitAsync(stopTimeout))).GetAwaiter().GetResult();
        // Records the stopped workers never took are dropped here; the next owner fetches them again from the commit.
        buffer.Taken(stopping.Sum(w => w.Buffered));
        var committed = commit ? checkpointer.Commit(stopping.Select(w => w.Progress), attempts: 3) : null;
        foreach (var worker in stopping)
            checkpointer.Forget(worker.Partition);
        return committed;
    }

    public IReadOnlyList<TopicPartitionOffset>? ReleaseAll() => Release(workers.Keys, commit: true);

    /// <summary>Lag per partition: the high watermark minus the offset reached (committed or completed).</summary>
    public (int Partition, long Lag)[] MeasureLag()
    {
        var snapshot = new (int, long)[workers.Count];
        var i = 0;
        foreach (var worker in workers.Values)
        {
            var high = client.HighWatermark(worker.TopicPartition);
            var position = Math.Max(worker.Progress.Committed, worker.Progress.Committable);
            snapshot[i++] = (worker.Partition, high < 0 || position < 0 ? 0 : Math.Max(0, high - position));
        }
        return snapshot;
    }

    private void Publish()
    {
        assigned = [.. workers.Keys.Order()];
        published = [.. workers.Values];
    }
}

using Confluent.Kafka;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

internal sealed partial class KafkaTopicEndpoint
{
    private void PollLoop()
    {
        var consumer = this.consumer!;
        var token = stopRequested.Token;
        var nextHousekeeping = 0L;
        var lastConsume = Environment.TickCount64;
        try
        {
            nextCommitAt = Environment.TickCount64 + (long)Settings.CheckpointInterval.TotalMilliseconds;
            while (!token.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]>? record = null;
                try
                {
                    if (Volatile.Read(ref buffered) < Settings.EndpointBufferLimit || Environment.TickCount64 - lastConsume >= KeepAliveMilliseconds)
                    {
                        record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                        lastConsume = Environment.TickCount64;
                    }
                    else
                    {
                        // Enough is buffered: let the client hold the rest. Consume still runs now and then, so rebalance
                        // callbacks fire and the group does not see this member as stuck (max.poll.interval.ms).
                        bufferDrained.Reset();
                        if (Volatile.Read(ref buffered) >= Settings.EndpointBufferLimit)
                            bufferDrained.Wait(HousekeepingMilliseconds, token);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    break;
                }
                catch (ConsumeException exception)
                {
                    OnError(exception.Error);
                }
                if (record is { IsPartitionEOF: false })
                    Route(record);

                var now = Environment.TickCount64;
                if (now >= nextHousekeeping || Volatile.Read(ref resumeRequested) != 0
                    || Volatile.Read(ref completedSinceCommit) >= Settings.CheckpointMessageCount)
                {
                    Housekeeping(now);
                    nextHousekeeping = now + HousekeepingMilliseconds;
                }
            }
            StopWorkersAndCommit([.. workers.Keys], commit: true);
            consumer.Close();
        }
        catch (Exception exception)
        {
            Log.PollFaulted(exception, Topic);
            lastError = exception.Message;
        }
        finally
        {
            consuming = false;
            KafkaMetrics.Untrack(this);
            consumer.Dispose();
            Log.EndpointStopped(Topic, GroupId);
            stopped.TrySetResult();
        }
    }

    private void Route(ConsumeResult<byte[]?, byte[]> record)
    {
        if (!workers.TryGetValue(record.Partition.Value, out var worker)) return;
        var previous = worker.LastFetched;
        if (previous >= 0 && record.Offset.Value > previous + 1)
        {
            // Offsets of a plain topic are contiguous: a gap means the broker dropped records before we read them.
            Log.Truncated(Topic, worker.Partition, previous + 1, record.Offset.Value - 1, GroupId);
            KafkaMetrics.Truncated.Add(record.Offset.Value - previous - 1, MetricTags);
        }
        Interlocked.Increment(ref buffered);
        if (worker.Enqueue(record) >= Settings.PartitionBufferLimit && !worker.Paused)
        {
            consumer!.Pause([worker.TopicPartition]);
            worker.Paused = true;
        }
    }

    private void Housekeeping(long now)
    {
        // Resume on request, and also whenever a paused partition's buffer has drained (the request can race the pause).
        Interlocked.Exchange(ref resumeRequested, 0);
        if (!faulted.IsEmpty) RestartFaultedPartitions();
        var resumeBelow = Settings.PartitionBufferLimit / 2;
        foreach (var worker in workers.Values)
        {
            if (!worker.Paused || (!worker.ResumeRequested && worker.Buffered > resumeBelow)) continue;
            consumer!.Resume([worker.TopicPartition]);
            worker.Paused = false;
        }
        if (now >= nextCommitAt || Volatile.Read(ref completedSinceCommit) >= Settings.CheckpointMessageCount)
        {
            Commit(workers.Values);
            nextCommitAt = now + (long)Settings.CheckpointInterval.TotalMilliseconds;
        }
        if (now >= nextLagAt)
        {
            UpdateLag();
            nextLagAt = now + 1_000;
        }
    }

    private List<TopicPartitionOffset>? Commit(IEnumerable<PartitionWorker> partitions, int attempts = 1)
    {
        Interlocked.Exchange(ref completedSinceCommit, 0);
        List<TopicPartitionOffset>? offsets = null;
        List<PartitionWorker>? committing = null;
        foreach (var worker in partitions)
        {
            var next = worker.Committable;
            if (next <= worker.Committed) continue;
            (offsets ??= []).Add(new TopicPartitionOffset(worker.TopicPartition, next));
            (committing ??= []).Add(worker);
        }
        if (offsets is null) return null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                consumer!.Commit(offsets);
                for (var i = 0; i < committing!.Count; i++)
                {
                    committing[i].Committed = offsets[i].Offset.Value;
                    committedOffsets[committing[i].Partition] = offsets[i].Offset.Value;
                }
                Interlocked.Exchange(ref lastContactTicks, DateTimeOffset.UtcNow.UtcTicks);
                lastError = null;
                return offsets;
            }
            catch (KafkaException exception)
            {
                Log.CommitFailed(Topic, exception.Error.Reason);
                // A periodic commit is simply made again later; the last one (revoke, stop) is worth a few more tries.
                if (attempt >= attempts || exception.Error.IsFatal) return null;
                Thread.Sleep(100 * attempt);
            }
        }
    }

    private void UpdateLag()
    {
        var snapshot = new (int, long)[workers.Count];
        var i = 0;
        foreach (var worker in workers.Values)
        {
            var high = consumer!.GetWatermarkOffsets(worker.TopicPartition).High.Value;
            var position = Math.Max(worker.Committed, worker.Committable);
            snapshot[i++] = (worker.Partition, high < 0 || position < 0 ? 0 : Math.Max(0, high - position));
        }
        lag = snapshot;
    }

    private void OnAssigned(List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            if (workers.ContainsKey(partition.Partition.Value)) continue;
            var worker = new PartitionWorker(this, partition);
            workers[partition.Partition.Value] = worker;
            worker.Start();
        }
        PublishWorkers();
        Interlocked.Exchange(ref lastContactTicks, DateTimeOffset.UtcNow.UtcTicks);
        Log.Assigned(Topic, string.Join(',', partitions.Select(p => p.Partition.Value)));
    }

    private void OnRevoked(List<TopicPartitionOffset> partitions)
    {
        var committed = StopWorkersAndCommit([.. partitions.Select(p => p.Partition.Value)], commit: true);
        Log.Revoked(Topic, string.Join(',', partitions.Select(p => p.Partition.Value)),
            committed is null ? "nothing new" : string.Join(',', committed.Select(o => $"{o.Partition.Value}@{o.Offset.Value}")));
    }

    private void OnLost(List<TopicPartitionOffset> partitions)
    {
        StopWorkersAndCommit([.. partitions.Select(p => p.Partition.Value)], commit: false);
        Log.Lost(Topic, string.Join(',', partitions.Select(p => p.Partition.Value)));
    }

    /// <summary>Stops the partitions' workers, waits for their windows in flight (up to the stop timeout) and commits them.</summary>
    private List<TopicPartitionOffset>? StopWorkersAndCommit(IReadOnlyCollection<int> partitions, bool commit)
    {
        var stopping = new List<PartitionWorker>();
        foreach (var partition in partitions)
        {
            if (!workers.Remove(partition, out var worker)) continue;
            worker.Stop();
            stopping.Add(worker);
        }
        PublishWorkers();
        if (stopping.Count == 0) return null;
        // The poll thread is ours (not a pool thread), so blocking it here is what Kafka expects of a revoke callback.
        Task.WhenAll(stopping.Select(w => w.WaitAsync(Settings.StopTimeout))).GetAwaiter().GetResult();
        // Records the stopped workers never took are dropped here; the next owner fetches them again from the commit.
        OnTaken(stopping.Sum(w => w.Buffered));
        var committed = commit ? Commit(stopping, attempts: 3) : null;
        foreach (var worker in stopping)
            committedOffsets.TryRemove(worker.Partition, out _);
        return committed;
    }

    private void OnError(Error error)
    {
        lastError = $"{error.Code}: {error.Reason}";
        Log.ConsumerError(Topic, error.Code.ToString(), error.Reason);
    }
}

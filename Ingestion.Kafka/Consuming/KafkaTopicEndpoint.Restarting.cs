using System.Collections.Concurrent;
using Confluent.Kafka;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

internal sealed partial class KafkaTopicEndpoint
{
    /// <summary>Restarts in a row (without a completed window) from which readiness fails.</summary>
    private const int RepeatedFaultThreshold = 2;

    private readonly ConcurrentQueue<PartitionWorker> faulted = new();
    private volatile PartitionWorker[] current = [];

    /// <summary>Since when the longest-blocked partition waits out an infrastructure fault, with its reason; null when none does.</summary>
    public (DateTimeOffset Since, int Partition, string Reason)? Blocked
    {
        get
        {
            (DateTimeOffset Since, int Partition, string Reason)? oldest = null;
            foreach (var worker in current)
            {
                if (worker.Blockage.Since is { } since && (oldest is null || since < oldest.Value.Since))
                    oldest = (since, worker.Partition, worker.Blockage.Reason ?? "unknown");
            }
            return oldest;
        }
    }

    public DateTimeOffset? BlockedSince => Blocked?.Since;

    public string? BlockedReason => Blocked is { } blocked ? $"partition {blocked.Partition}: {blocked.Reason}" : null;

    public string? RepeatedFault
    {
        get
        {
            foreach (var worker in current)
            {
                if (worker.ConsecutiveFaults >= RepeatedFaultThreshold && !worker.CompletedWindows)
                    return $"partition {worker.Partition} faulted {worker.ConsecutiveFaults} times in a row right after restarting";
            }
            return null;
        }
    }

    /// <summary>A partition worker ended with an unexpected exception: the poll thread restarts it.</summary>
    internal void OnPartitionFaulted(PartitionWorker worker)
    {
        faulted.Enqueue(worker);
        RequestResume();
    }

    private void PublishWorkers()
    {
        assigned = [.. workers.Keys.Order()];
        current = [.. workers.Values];
    }

    /// <summary>
    /// Poll thread: replaces each faulted worker by a new one that starts from the partition's last completed offset (the
    /// records the faulted one held are dropped and fetched again). A worker that faults again before completing a window
    /// waits the redelivery delays before it starts, and from the second time in a row readiness fails.
    /// </summary>
    private void RestartFaultedPartitions()
    {
        while (faulted.TryDequeue(out var old))
        {
            if (!workers.TryGetValue(old.Partition, out var registered) || registered != old) continue; // revoked meanwhile
            var from = Math.Max(old.Committable, old.Committed);
            if (from < 0) from = old.FirstFetched;
            try
            {
                // Before anything else: without the seek the replacement would go on after the records the old one held.
                if (from >= 0) consumer!.Seek(new TopicPartitionOffset(old.TopicPartition, from));
            }
            catch (KafkaException exception)
            {
                Log.ConsumerError(Topic, exception.Error.Code.ToString(), $"seek of partition {old.Partition} to {from} for its restart failed: {exception.Error.Reason}");
                faulted.Enqueue(old); // tried again at the next housekeeping
                return;
            }
            old.Stop();
            OnTaken(old.Buffered);
            var replacement = new PartitionWorker(old);
            workers[old.Partition] = replacement;
            PublishWorkers();
            if (old.Paused)
                consumer!.Resume([old.TopicPartition]);
            replacement.Start();
            KafkaMetrics.PartitionRestarts.Add(1, MetricTags);
            Log.PartitionRestarted(Topic, old.Partition, from, replacement.ConsecutiveFaults, replacement.StartDelay);
        }
    }
}

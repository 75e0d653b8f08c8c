using System.Collections.Concurrent;
using Confluent.Kafka;

using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Replaces each partition worker that ended with an unexpected exception by a new one that starts from the partition's last
/// completed offset (the records the faulted one held are dropped and fetched again). A worker that faults again before
/// completing a window waits the redelivery delays before it starts; from the second time in a row readiness fails.
/// </summary>
internal sealed class PartitionRestarts(IPartitionClient client, PartitionAssignments assignments, EndpointBuffer buffer, EndpointTelemetry telemetry)
{
    /// <summary>Restarts in a row (without a completed window) from which readiness fails.</summary>
    public const int RepeatedFaultThreshold = 2;

    private readonly ConcurrentQueue<PartitionWorker> faulted = new();

    public bool Pending => !faulted.IsEmpty;

    /// <summary>Any thread: a worker faulted; the poll thread restarts it at its next housekeeping.</summary>
    public void OnFaulted(PartitionWorker worker)
    {
        faulted.Enqueue(worker);
        buffer.RequestHousekeeping();
    }

    /// <summary>Poll thread: restarts every faulted worker that is still assigned.</summary>
    public void RestartFaulted()
    {
        while (faulted.TryDequeue(out var old))
        {
            if (!assignments.IsCurrent(old)) continue; // revoked meanwhile
            var from = Math.Max(old.Progress.Committable, old.Progress.Committed);
            if (from < 0) from = old.FirstFetched;
            try
            {
                // Before anything else: without the seek the replacement would go on after the records the old one held.
                if (from >= 0) client.Seek(new TopicPartitionOffset(old.TopicPartition, from));
            }
            catch (KafkaException exception)
            {
                telemetry.Log.ConsumerError(telemetry.Topic, exception.Error.Code.ToString(),
                    $"seek of partition {old.Partition} to {from} for its restart failed: {exception.Error.Reason}");
                faulted.Enqueue(old); // tried again at the next housekeeping
                return;
            }
            var replacement = new PartitionWorker(old);
            assignments.Replace(old, replacement);
            KafkaMetrics.PartitionRestarts.Add(1, telemetry.Tags);
            telemetry.Log.PartitionRestarted(telemetry.Topic, old.Partition, from, replacement.ConsecutiveFaults, replacement.StartDelay);
        }
    }

    /// <summary>Set while a partition keeps faulting right after each restart, else null.</summary>
    public static string? RepeatedFault(IReadOnlyList<PartitionWorker> workers)
    {
        foreach (var worker in workers)
        {
            if (worker.ConsecutiveFaults >= RepeatedFaultThreshold && !worker.CompletedWindows)
                return $"partition {worker.Partition} faulted {worker.ConsecutiveFaults} times in a row right after restarting";
        }
        return null;
    }
}

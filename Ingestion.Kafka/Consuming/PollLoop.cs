using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// The endpoint's poll thread: takes records from the Kafka client while the endpoint's buffer has room, routes them to
/// their partitions, and every 50 ms (or at once when asked) does the housekeeping: restarts faulted partitions, resumes
/// drained ones, commits when due, measures lag. On stop it releases every partition (commit) and closes the consumer.
/// </summary>
internal sealed class PollLoop(
    IConsumer<byte[]?, byte[]> consumer, PartitionAssignments assignments, PartitionRestarts restarts, Checkpointer checkpointer,
    EndpointBuffer buffer, EndpointStatus status)
{
    private const int HousekeepingMilliseconds = 50;
    private const int KeepAliveMilliseconds = 5_000;
    private const int LagMilliseconds = 1_000;

    private long nextLagAt;

    public void Run(CancellationToken token)
    {
        var nextHousekeeping = 0L;
        var lastConsume = Environment.TickCount64;
        while (!token.IsCancellationRequested)
        {
            ConsumeResult<byte[]?, byte[]>? record = null;
            try
            {
                if (!buffer.IsFull || Environment.TickCount64 - lastConsume >= KeepAliveMilliseconds)
                {
                    record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                    lastConsume = Environment.TickCount64;
                }
                else
                {
                    // Enough is buffered: let the client hold the rest. Consume still runs now and then, so rebalance
                    // callbacks fire and the group does not see this member as stuck (max.poll.interval.ms).
                    buffer.WaitForRoom(HousekeepingMilliseconds, token);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (ConsumeException exception)
            {
                status.OnError(exception.Error);
            }
            if (record is { IsPartitionEOF: false })
                assignments.Route(record);

            var now = Environment.TickCount64;
            if (now >= nextHousekeeping || buffer.HousekeepingRequested || checkpointer.CountReached)
            {
                Housekeeping(now);
                nextHousekeeping = now + HousekeepingMilliseconds;
            }
        }
        assignments.ReleaseAll();
        consumer.Close();
    }

    private void Housekeeping(long now)
    {
        // Resume on request, and also whenever a paused partition's buffer has drained (the request can race the pause).
        buffer.HousekeepingDone();
        if (restarts.Pending) restarts.RestartFaulted();
        assignments.ResumeDrained();
        if (checkpointer.CommitIfDue(now, assignments.Progress) is not null)
            status.OnContact();
        if (now >= nextLagAt)
        {
            status.Lag = assignments.MeasureLag();
            nextLagAt = now + LagMilliseconds;
        }
    }
}

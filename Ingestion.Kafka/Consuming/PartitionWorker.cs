using System.Diagnostics;
using Confluent.Kafka;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Producing;
using Microsoft.Extensions.Logging;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// One assigned partition: takes records in offset order, dispatches up to the window size at once, hands a failed window
/// to the settlement, and only then moves the partition's progress past the window.
/// </summary>
internal sealed class PartitionWorker
{
    private readonly PartitionWorkerServices services;
    private readonly RecordQueue queue = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource aborting = new();
    private int buffered;
    private Task running = Task.CompletedTask;
    private volatile bool paused;
    private volatile bool resumeRequested;
    private volatile bool completedWindows;
    private long dispatched;
    private readonly Action<List<ConsumeResult<byte[]?, byte[]>>, int> topUp;
    private readonly Action<int> dispatching;

    public PartitionWorker(PartitionWorkerServices services, PartitionProgress progress)
    {
        this.services = services;
        Progress = progress;
        topUp = queue.TakeAvailable;
        dispatching = Dispatching;
    }

    /// <summary>
    /// The worker that takes over from <paramref name="faulted"/>, which ended with an unexpected exception. When that one
    /// faulted before completing a window (the fault repeats at once), this one first waits the redelivery delays.
    /// </summary>
    public PartitionWorker(PartitionWorker faulted) : this(faulted.services, faulted.Progress)
    {
        ConsecutiveFaults = faulted.completedWindows ? 1 : faulted.ConsecutiveFaults + 1;
        StartDelay = ConsecutiveFaults < 2 ? TimeSpan.Zero : services.Rules.RedeliveryDelay(ConsecutiveFaults - 2);
        Blockage = faulted.Blockage;
    }

    public PartitionProgress Progress { get; }

    public TopicPartition TopicPartition => Progress.TopicPartition;

    public int Partition => Progress.Partition;

    /// <summary>The offset of the newest record handed to this worker (poll thread only).</summary>
    public long LastFetched { get; private set; } = -1;

    /// <summary>The offset of the first record handed to this worker (poll thread only).</summary>
    public long FirstFetched { get; private set; } = -1;

    /// <summary>Faults in a row without a completed window in between (0 for a worker that never took over from one).</summary>
    public int ConsecutiveFaults { get; }

    /// <summary>True once this worker completed a window (a restarted partition got going again).</summary>
    public bool CompletedWindows => completedWindows;

    /// <summary>How long this worker waits before it takes its first window.</summary>
    public TimeSpan StartDelay { get; }

    /// <summary>Whether the partition waits out an infrastructure fault (kept across a restart).</summary>
    public PartitionBlockage Blockage { get; } = new();

    public int Buffered => Volatile.Read(ref buffered);

    /// <summary>Paused at the broker (poll thread sets it).</summary>
    public bool Paused
    {
        get => paused;
        set
        {
            paused = value;
            if (!value) resumeRequested = false;
        }
    }

    public bool ResumeRequested => resumeRequested;

    public void Start() => running = Task.Run(RunAsync);

    public int Enqueue(ConsumeResult<byte[]?, byte[]> record)
    {
        LastFetched = record.Offset.Value;
        if (FirstFetched < 0) FirstFetched = record.Offset.Value;
        var count = Interlocked.Increment(ref buffered);
        queue.Add(record);
        return count;
    }

    /// <summary>Stops taking new windows and cuts redelivery waits short; the window in flight finishes.</summary>
    public void Stop()
    {
        queue.Complete();
        stopping.Cancel();
    }

    /// <summary>Waits for the window in flight; past <paramref name="timeout"/> its dispatches are cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout)
    {
        if (await Completes(running, timeout).ConfigureAwait(false)) return;
        await aborting.CancelAsync().ConfigureAwait(false);
        await Completes(running, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
    }

    /// <summary>The window goes (alone or combined): its records leave the buffer and count as consumed.</summary>
    private void Dispatching(int count)
    {
        dispatched = Stopwatch.GetTimestamp();
        Taken(count);
        KafkaMetrics.Consumed.Add(count, services.Telemetry.Tags);
    }

    private void Taken(int count)
    {
        var left = Interlocked.Add(ref buffered, -count);
        services.Buffer.Taken(count);
        if (paused && !resumeRequested && left <= services.ResumeBelow)
        {
            resumeRequested = true;
            services.Buffer.RequestHousekeeping();
        }
    }

    private static async Task<bool> Completes(Task task, TimeSpan timeout)
    {
        var winner = await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false);
        return winner == task;
    }

    private async Task RunAsync()
    {
        var telemetry = services.Telemetry;
        var window = new List<ConsumeResult<byte[]?, byte[]>>(Math.Min(services.WindowSize, 4096));
        var scope = new SettlementScope(Partition, Blockage, stopping.Token, aborting.Token);
        try
        {
            if (StartDelay > TimeSpan.Zero) await Task.Delay(StartDelay, stopping.Token).ConfigureAwait(false);
            while (true)
            {
                window.Clear();
                if (!await queue.TakeAsync(window, services.WindowSize, stopping.Token).ConfigureAwait(false)) break;
                if (window.Count < services.WindowSize && services.WindowTimeLimit > TimeSpan.Zero)
                {
                    // A small window waits (up to the time limit) for the records to fill it: fewer, fuller windows at low rates.
                    // A stop ends the wait (the queue completes) and the window goes on as one in flight.
                    await queue.WaitForAsync(services.WindowSize - window.Count, services.WindowTimeLimit, aborting.Token).ConfigureAwait(false);
                    queue.TakeAvailable(window, services.WindowSize);
                }

                // At once while a dispatch slot is free, else together with the other partitions' windows waiting for one.
                var submitted = new SubmittedWindow(window, topUp, dispatching, stopping.Token, aborting.Token);
                var outcome = await services.Combiner.SubmitAsync(submitted).WaitAsync(aborting.Token).ConfigureAwait(false);
                if (outcome.Failures is not null)
                    await services.Combiner.SettleAsync(window, outcome, scope).ConfigureAwait(false);
                KafkaMetrics.ProcessingTime.Record(Stopwatch.GetElapsedTime(dispatched).TotalMilliseconds, telemetry.Tags);
                KafkaMetrics.Succeeded.Add(window.Count, telemetry.Tags);
                completedWindows = true;
                Blockage.Clear();
                Progress.Complete(window[^1].Offset.Value + 1, window.Count);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || aborting.IsCancellationRequested)
        {
            // Stopped (revoke or shutdown) while waiting: whatever did not complete stays uncommitted for the next owner.
        }
        catch (Exception exception)
        {
            // Never a silent stop: the endpoint restarts the partition from its last completed offset (poll thread).
            telemetry.Log.PartitionFaulted(exception, telemetry.Topic, Partition, completedWindows ? 1 : ConsecutiveFaults + 1);
            services.Faulted(this);
        }
    }
}

using System.Diagnostics;
using Confluent.Kafka;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Producing;
using Microsoft.Extensions.Logging;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// One assigned partition: takes records in offset order, dispatches up to the delivery limit at once (a window), settles
/// every failure (redelivery, isolation, dead-letter) and only then moves the committable offset past the window.
/// </summary>
internal sealed class PartitionWorker
{
    private readonly KafkaTopicEndpoint endpoint;
    private readonly RecordQueue queue = new();
    private int buffered;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource aborting = new();
    private Task running = Task.CompletedTask;
    private long committable = -1;
    private volatile bool paused;
    private volatile bool resumeRequested;
    private volatile bool completedWindows;

    public PartitionWorker(KafkaTopicEndpoint endpoint, TopicPartition topicPartition)
    {
        this.endpoint = endpoint;
        TopicPartition = topicPartition;
    }

    /// <summary>
    /// The worker that takes over from <paramref name="faulted"/>, which ended with an unexpected exception. When that one
    /// faulted before completing a window (the fault repeats at once), this one first waits the redelivery delays.
    /// </summary>
    public PartitionWorker(PartitionWorker faulted) : this(faulted.endpoint, faulted.TopicPartition)
    {
        Committed = faulted.Committed;
        committable = faulted.Committable;
        ConsecutiveFaults = faulted.completedWindows ? 1 : faulted.ConsecutiveFaults + 1;
        StartDelay = ConsecutiveFaults < 2 ? TimeSpan.Zero : endpoint.Settings.RedeliveryDelay(ConsecutiveFaults - 2);
        Blockage = faulted.Blockage;
    }

    public TopicPartition TopicPartition { get; }

    public int Partition => TopicPartition.Partition.Value;

    /// <summary>The next offset to read once everything before it completed; -1 before the first window completed.</summary>
    public long Committable => Volatile.Read(ref committable);

    /// <summary>The offset last committed for this partition (poll thread only).</summary>
    public long Committed { get; set; } = -1;

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

    private static async Task<bool> Completes(Task task, TimeSpan timeout)
    {
        var winner = await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false);
        return winner == task;
    }

    private async Task RunAsync()
    {
        var settings = endpoint.Settings;
        var limit = settings.WindowSize;
        var resumeBelow = settings.PartitionBufferLimit / 2;
        var window = new List<ConsumeResult<byte[]?, byte[]>>(Math.Min(limit, 4096));
        try
        {
            if (StartDelay > TimeSpan.Zero) await Task.Delay(StartDelay, stopping.Token).ConfigureAwait(false);
            while (true)
            {
                window.Clear();
                if (!await queue.TakeAsync(window, limit, stopping.Token).ConfigureAwait(false)) break;
                var left = Interlocked.Add(ref buffered, -window.Count);
                endpoint.OnTaken(window.Count);
                if (paused && !resumeRequested && left <= resumeBelow)
                {
                    resumeRequested = true;
                    endpoint.RequestResume();
                }

                var gate = endpoint.PartitionGate;
                if (gate is not null) await gate.WaitAsync(stopping.Token).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    KafkaMetrics.Consumed.Add(window.Count, endpoint.MetricTags);
                    // The common case (everything succeeds) awaits the dispatch directly, without the settling machinery.
                    var failures = await DispatchAll(window, 1).ConfigureAwait(false);
                    if (failures is not null)
                        await CompleteAsync(window, 1, failures).ConfigureAwait(false);
                }
                finally
                {
                    gate?.Release();
                }
                KafkaMetrics.ProcessingTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, endpoint.MetricTags);
                KafkaMetrics.Succeeded.Add(window.Count, endpoint.MetricTags);
                Volatile.Write(ref committable, window[^1].Offset.Value + 1);
                completedWindows = true;
                Blockage.Clear();
                endpoint.OnCompleted(window.Count);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || aborting.IsCancellationRequested)
        {
            // Stopped (revoke or shutdown) while waiting: whatever did not complete stays uncommitted for the next owner.
        }
        catch (Exception exception)
        {
            // Never a silent stop: the endpoint restarts the partition from its last completed offset (poll thread).
            endpoint.Log.PartitionFaulted(exception, endpoint.Topic, Partition, completedWindows ? 1 : ConsecutiveFaults + 1);
            endpoint.OnPartitionFaulted(this);
        }
    }

    /// <summary>
    /// Dispatches <paramref name="records"/> together until every one completed or was dead-lettered. Transient failures come
    /// back after the redelivery delays; a non-transient failure first gets its redeliveries as a group (when
    /// <paramref name="redeliverPermanent"/>), then a failed group is split in halves until each failure is pinned on its record.
    /// </summary>
    private async Task CompleteAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, int delivery,
        List<(ConsumeResult<byte[]?, byte[]> Record, Exception Exception)>? firstFailures = null, bool redeliverPermanent = true)
    {
        var settings = endpoint.Settings;
        var current = records;
        var redeliveries = 0;
        var permanentRedeliveries = 0;
        while (true)
        {
            var failures = firstFailures ?? await DispatchAll(current, delivery).ConfigureAwait(false);
            firstFailures = null;
            if (failures is null) return;
            // Cancelled by a stop past its timeout: the window is abandoned uncommitted, never dead-lettered.
            aborting.Token.ThrowIfCancellationRequested();

            List<ConsumeResult<byte[]?, byte[]>>? again = null;
            List<ConsumeResult<byte[]?, byte[]>>? isolate = null;
            var permanentAgain = false;
            // A failure is the record's own when it was dispatched alone or its neighbours succeeded; otherwise it may be a
            // batch failing for one poison member.
            var alone = current.Count == 1 || failures.Count == 1;
            Exception? lastError = null;
            Exception? infrastructureError = null;
            foreach (var (record, exception) in failures)
            {
                var kind = FailureClassifier.Classify(exception, settings.IsTransient, settings.IsRecordFault);
                switch (kind)
                {
                    case FailureKind.Deserialization:
                        await DeadLetterAsync(record, kind, exception, delivery).ConfigureAwait(false);
                        break;
                    case FailureKind.Transient:
                        (again ??= []).Add(record);
                        lastError = exception;
                        infrastructureError = exception;
                        break;
                    case FailureKind.Permanent when redeliverPermanent && permanentRedeliveries < settings.NonTransientRedeliveryLimit:
                        (again ??= []).Add(record);
                        permanentAgain = true;
                        lastError = exception;
                        break;
                    default:
                        if (alone)
                            await DeadLetterAsync(record, kind, exception, delivery).ConfigureAwait(false);
                        else
                            (isolate ??= []).Add(record);
                        break;
                }
            }

            if (isolate is not null)
            {
                KafkaMetrics.Retried.Add(isolate.Count, endpoint.MetricTags);
                var half = isolate.Count / 2;
                await CompleteAsync(isolate.GetRange(0, half), delivery + 1, redeliverPermanent: false).ConfigureAwait(false);
                await CompleteAsync(isolate.GetRange(half, isolate.Count - half), delivery + 1, redeliverPermanent: false).ConfigureAwait(false);
            }

            if (again is null) return;
            if (permanentAgain) permanentRedeliveries++;
            var delay = settings.RedeliveryDelay(redeliveries++);
            if (infrastructureError is not null) Blockage.Block(infrastructureError);
            endpoint.Log.Redelivering(lastError!, endpoint.Topic, Partition, again[0].Offset.Value, again.Count, delay, delivery + 1);
            KafkaMetrics.Redelivered.Add(again.Count, endpoint.MetricTags);
            await Task.Delay(delay, stopping.Token).ConfigureAwait(false);
            current = again;
            delivery++;
        }
    }

    private Task<List<(ConsumeResult<byte[]?, byte[]> Record, Exception Exception)>?> DispatchAll(
        IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, int delivery) =>
        RecordDispatch.DispatchAll(endpoint, records, delivery, aborting.Token);

    private async Task DeadLetterAsync(ConsumeResult<byte[]?, byte[]> record, FailureKind kind, Exception exception, int attempts)
    {
        var reason = FailureClassifier.Reason(kind);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await endpoint.DeadLetter(record, reason, exception, attempts, aborting.Token).ConfigureAwait(false);
                endpoint.Log.DeadLettered(exception, endpoint.Topic, Partition, record.Offset.Value, reason, endpoint.Settings.DeadLetterTopic);
                KafkaMetrics.DeadLettered.Add(1, endpoint.MetricTags);
                return;
            }
            catch (KafkaProduceException failure)
            {
                // Without the dead-letter record the offset may not be committed: wait and try again, like a transient error.
                var delay = endpoint.Settings.RedeliveryDelay(attempt);
                endpoint.Log.DeadLetterFailed(failure, endpoint.Topic, Partition, record.Offset.Value, delay);
                await Task.Delay(delay, stopping.Token).ConfigureAwait(false);
            }
        }
    }
}

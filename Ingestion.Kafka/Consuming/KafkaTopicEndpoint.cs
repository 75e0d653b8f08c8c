using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Producing;
using Ingestion.Kafka.Riding;
using MassTransit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// A topic endpoint at run time: one Kafka consumer in the group, a poll thread that routes records to a worker per assigned
/// partition, and the checkpointing (contiguous offsets only, batched by count and time, on revoke and on stop).
/// </summary>
internal sealed partial class KafkaTopicEndpoint : IKafkaTopicEndpoint
{
    private const int HousekeepingMilliseconds = 50;
    private const int KeepAliveMilliseconds = 5_000;

    private readonly KafkaOptions options;
    private readonly IReceiveEndpointDispatcher dispatcher;
    private readonly IServiceProvider services;
    private readonly KafkaEndpointIdentity identity;
    private readonly Dictionary<int, PartitionWorker> workers = [];
    private readonly CancellationTokenSource stopRequested = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<int, long> committedOffsets = new();
    private IConsumer<byte[]?, byte[]>? consumer;
    private KafkaDeadLetterProducer? deadLetters;
    private volatile int[] assigned = [];
    private volatile (int Partition, long Lag)[] lag = [];
    private volatile bool consuming;
    private volatile string? lastError;
    private long lastContactTicks;
    private int completedSinceCommit;
    private int buffered;
    private readonly ManualResetEventSlim bufferDrained = new(initialState: true);
    private int resumeRequested;
    private long nextCommitAt;
    private long nextLagAt;

    public KafkaTopicEndpoint(string topic, string groupId, KafkaTopicEndpointSettings settings, KafkaOptions options,
        IReceiveEndpointDispatcher dispatcher, IServiceProvider services)
    {
        Topic = topic;
        GroupId = groupId;
        Settings = settings;
        this.options = options;
        this.dispatcher = dispatcher;
        this.services = services;
        settings.PartitionBufferLimit = Math.Max(settings.PartitionBufferLimit, 2 * settings.WindowSize);
        // Room for two full partitions at least, so one partition stalled in redelivery (paused at its own limit) can never
        // use up the endpoint's budget and starve the others.
        settings.EndpointBufferLimit = Math.Max(settings.EndpointBufferLimit, 2 * settings.PartitionBufferLimit);
        identity = new KafkaEndpointIdentity(topic, groupId, settings.DeadLetterTopic);
        MetricTags = KafkaMetrics.Tags(topic, groupId);
        PartitionGate = settings.ConcurrentPartitionLimit > 0 ? new SemaphoreSlim(settings.ConcurrentPartitionLimit) : null;
        Log = NullLogger.Instance;
    }

    public string Topic { get; }
    public string GroupId { get; }
    public KafkaTopicEndpointSettings Settings { get; }
    public bool IsConsuming => consuming;
    public string? LastError => lastError;
    public IReadOnlyCollection<int> AssignedPartitions => assigned;
    public IReadOnlyDictionary<int, long> CommittedOffsets => committedOffsets;
    public DateTimeOffset? LastBrokerContact
    {
        get
        {
            var ticks = Interlocked.Read(ref lastContactTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public Task Started => started.Task;

    /// <summary>Records fetched from the client and not yet taken by a partition worker.</summary>
    internal int BufferedRecords => Volatile.Read(ref buffered);

    internal ILogger Log { get; private set; }
    internal TagList MetricTags { get; }
    internal SemaphoreSlim? PartitionGate { get; }

    public void Start()
    {
        Log = services.GetService<ILoggerFactory>()?.CreateLogger($"Ingestion.Kafka.TopicEndpoint.{Topic}") ?? NullLogger.Instance;
        deadLetters = new KafkaDeadLetterProducer(services.GetRequiredService<KafkaProducerClient>(),
            services.GetService<DeadLetterSizeLimit>() ?? DeadLetterSizeLimit.For(options), Log);
        var config = KafkaClientConfigs.Consumer(options, GroupId);
        config.AutoOffsetReset = Settings.AutoOffsetReset;
        Settings.ConfigureConsumer?.Invoke(config);
        consumer = new ConsumerBuilder<byte[]?, byte[]>(config)
            .SetPartitionsAssignedHandler((_, partitions) => OnAssigned(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => OnRevoked(partitions))
            .SetPartitionsLostHandler((_, partitions) => OnLost(partitions))
            .SetErrorHandler((_, error) => OnError(error))
            .Build();
        consumer.Subscribe(Topic);
        consuming = true;
        KafkaMetrics.Track(this);
        new Thread(PollLoop) { IsBackground = true, Name = $"kafka:{Topic}" }.Start();
        Log.EndpointStarted(Topic, GroupId, options.BootstrapServers);
        started.TrySetResult();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (consumer is null) return;
        await stopRequested.CancelAsync().ConfigureAwait(false);
        await stopped.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    internal void RequestResume() => Volatile.Write(ref resumeRequested, 1);

    internal void OnCompleted(int count) => Interlocked.Add(ref completedSinceCommit, count);

    /// <summary>A partition worker took <paramref name="count"/> buffered records (or dropped them on stop).</summary>
    internal void OnTaken(int count)
    {
        if (Interlocked.Add(ref buffered, -count) < Settings.EndpointBufferLimit)
            bufferDrained.Set();
    }

    internal async Task<Exception?> Dispatch(ConsumeResult<byte[]?, byte[]> record, int delivery, CancellationToken cancellationToken)
    {
        var payload = new KafkaRecordContext(record, identity, delivery);
        var headers = KafkaHeaderTranslator.Translate(record.Message.Headers, delivery);
        using var activity = KafkaMetrics.ActivitySource.HasListeners() ? StartActivity(record) : null;
        try
        {
            await dispatcher.Dispatch(record.Message.Value ?? [], headers, cancellationToken, payload).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return exception;
        }
    }

    private static readonly byte[] WindowBody = "{}"u8.ToArray();

    /// <summary>
    /// Dispatches <paramref name="records"/> as one window (an endpoint with a window batch consumer) and returns the records
    /// that failed: the unreadable ones with their deserialization error, and, when the batch itself failed, every other one
    /// with the batch's exception.
    /// </summary>
    internal async Task<List<(ConsumeResult<byte[]?, byte[]> Record, Exception Exception)>?> DispatchWindow(
        IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, int delivery, CancellationToken cancellationToken)
    {
        var window = new KafkaWindowContext(records, identity, delivery);
        Exception? batchFailure = null;
        using (var activity = KafkaMetrics.ActivitySource.HasListeners() ? StartWindowActivity(records) : null)
        {
            try
            {
                await dispatcher.Dispatch(WindowBody, KafkaHeaderTranslator.Translate(null, delivery), cancellationToken, window).ConfigureAwait(false);
                if (!window.Received)
                    batchFailure = new InvalidOperationException($"No batch consumer took the window from {Topic}: configure one with ConfigureBatchConsumer.");
            }
            catch (Exception exception)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                batchFailure = exception;
            }
        }

        var unreadable = window.Unreadable;
        if (batchFailure is null && unreadable.Count == 0) return null;
        var failures = new List<(ConsumeResult<byte[]?, byte[]>, Exception)>(batchFailure is null ? unreadable.Count : records.Count);
        var next = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (next < unreadable.Count && unreadable[next].Index == i)
                failures.Add((records[i], unreadable[next++].Exception));
            else if (batchFailure is not null)
                failures.Add((records[i], batchFailure));
        }
        return failures;
    }

    internal Task DeadLetter(ConsumeResult<byte[]?, byte[]> record, string reason, Exception exception, int attempts, CancellationToken cancellationToken) =>
        deadLetters!.DeadLetter(new KafkaRecordContext(record, identity, attempts), reason, exception.Message, exception.GetType().FullName,
            attempts, cancellationToken);

    internal IEnumerable<(int Partition, long Lag)> Lag() => lag;

    private Activity? StartActivity(ConsumeResult<byte[]?, byte[]> record)
    {
        var activity = KafkaMetrics.ActivitySource.StartActivity($"{Topic} process", ActivityKind.Consumer, TraceContext(record));
        TagActivity(activity, record);
        return activity;
    }

    /// <summary>
    /// One consumer span per window: the child of its record's trace when the window holds one record (a quiet topic), else
    /// linked to every record's trace (OpenTelemetry's batch-processing convention).
    /// </summary>
    private Activity? StartWindowActivity(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records)
    {
        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        if (records.Count == 1)
        {
            parent = TraceContext(records[0]);
        }
        else
        {
            foreach (var record in records)
            {
                var context = TraceContext(record);
                if (context != default) (links ??= []).Add(new ActivityLink(context));
            }
        }
        var activity = KafkaMetrics.ActivitySource.StartActivity($"{Topic} process", ActivityKind.Consumer, parent, links: links);
        TagActivity(activity, records[0]);
        activity?.SetTag("messaging.batch.message_count", records.Count);
        return activity;
    }

    private static ActivityContext TraceContext(ConsumeResult<byte[]?, byte[]> record)
    {
        var headers = record.Message.Headers;
        if (headers is null || !headers.TryGetLastBytes(KafkaHeaderNames.TraceParent, out var traceParent)) return default;
        var state = headers.TryGetLastBytes(KafkaHeaderNames.TraceState, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        return ActivityContext.TryParse(Encoding.ASCII.GetString(traceParent), state, isRemote: true, out var context) ? context : default;
    }

    private void TagActivity(Activity? activity, ConsumeResult<byte[]?, byte[]> record)
    {
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", Topic);
        activity?.SetTag("messaging.consumer.group.name", GroupId);
        activity?.SetTag("messaging.destination.partition.id", record.Partition.Value);
        activity?.SetTag("messaging.kafka.offset", record.Offset.Value);
    }
}

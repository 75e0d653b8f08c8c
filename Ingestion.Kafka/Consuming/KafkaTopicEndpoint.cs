using Confluent.Kafka;
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
/// A topic endpoint at run time: one Kafka consumer in the group, put together from its parts: the poll loop
/// (<see cref="PollLoop"/>), the partitions and their workers (<see cref="PartitionAssignments"/>, <see cref="PartitionRestarts"/>),
/// the <see cref="Checkpointer"/>, the dispatch into MassTransit (<see cref="EndpointDispatcher"/>) and the settlement of
/// failed windows (<see cref="WindowSettlement"/>). This type starts and stops them and reports on them.
/// </summary>
internal sealed class KafkaTopicEndpoint : IKafkaTopicEndpoint, IOffsetCommitter, IPartitionClient
{
    private readonly KafkaOptions options;
    private readonly IReceiveEndpointDispatcher dispatcher;
    private readonly IServiceProvider services;
    private readonly CancellationTokenSource stopRequested = new();
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly EndpointBuffer buffer;
    private IConsumer<byte[]?, byte[]>? consumer;
    private EndpointStatus? status;
    private Checkpointer? checkpointer;
    private PartitionAssignments? assignments;
    private volatile bool consuming;

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
        buffer = new EndpointBuffer(settings.EndpointBufferLimit);
    }

    public string Topic { get; }
    public string GroupId { get; }
    public KafkaTopicEndpointSettings Settings { get; }
    public bool IsConsuming => consuming;
    public string? LastError => status?.LastError;
    public IReadOnlyCollection<int> AssignedPartitions => assignments?.Assigned ?? [];
    public IReadOnlyDictionary<int, long> CommittedOffsets => checkpointer?.CommittedOffsets ?? new Dictionary<int, long>();
    public DateTimeOffset? LastBrokerContact => status?.LastBrokerContact;
    public Task Started => started.Task;

    /// <summary>Records fetched from the client and not yet taken by a partition worker.</summary>
    internal int BufferedRecords => buffer.Count;

    /// <summary>Since when the longest-blocked partition waits out an infrastructure fault, with its reason; null when none does.</summary>
    public (DateTimeOffset Since, int Partition, string Reason)? Blocked
    {
        get
        {
            (DateTimeOffset Since, int Partition, string Reason)? oldest = null;
            foreach (var worker in assignments?.Current ?? [])
            {
                if (worker.Blockage.Since is { } since && (oldest is null || since < oldest.Value.Since))
                    oldest = (since, worker.Partition, worker.Blockage.Reason ?? "unknown");
            }
            return oldest;
        }
    }

    public DateTimeOffset? BlockedSince => Blocked?.Since;

    public string? BlockedReason => Blocked is { } blocked ? $"partition {blocked.Partition}: {blocked.Reason}" : null;

    public string? RepeatedFault => PartitionRestarts.RepeatedFault(assignments?.Current ?? []);

    internal IEnumerable<(int Partition, long Lag)> Lag() => status?.Lag ?? [];

    public void Start()
    {
        var log = services.GetService<ILoggerFactory>()?.CreateLogger($"Ingestion.Kafka.TopicEndpoint.{Topic}") ?? NullLogger.Instance;
        var telemetry = new EndpointTelemetry(Topic, GroupId, log);
        var status = this.status = new EndpointStatus(telemetry);
        var deadLetters = new KafkaDeadLetterProducer(services.GetRequiredService<KafkaProducerClient>(),
            services.GetService<DeadLetterSizeLimit>() ?? DeadLetterSizeLimit.For(options), log);
        var rules = SettlementRules.From(Settings);
        var identity = new KafkaEndpointIdentity(Topic, GroupId, Settings.DeadLetterTopic) { DeadLetters = deadLetters };
        var endpointDispatcher = new EndpointDispatcher(dispatcher, identity, Settings.DeliversWindows);
        PartitionRestarts? restarts = null;
        var workerServices = new PartitionWorkerServices(Settings.WindowSize, Settings.PartitionBufferLimit / 2, endpointDispatcher,
            new WindowSettlement(endpointDispatcher, rules, telemetry), rules, buffer,
            Settings.ConcurrentPartitionLimit > 0 ? new SemaphoreSlim(Settings.ConcurrentPartitionLimit) : null, telemetry,
            worker => restarts!.OnFaulted(worker))
        {
            WindowTimeLimit = Settings.WindowTimeLimit,
            CombinesWindows = Settings.DeliversWindows && Settings.CombinesWindows,
        };

        var config = KafkaClientConfigs.Consumer(options, GroupId);
        config.AutoOffsetReset = Settings.AutoOffsetReset;
        Settings.ConfigureConsumer?.Invoke(config);
        consumer = new ConsumerBuilder<byte[]?, byte[]>(config)
            .SetPartitionsAssignedHandler((_, partitions) =>
            {
                assignments!.OnAssigned(partitions);
                status.OnContact();
                log.Assigned(Topic, string.Join(',', partitions.Select(p => p.Partition.Value)));
            })
            .SetPartitionsRevokedHandler((_, partitions) =>
            {
                var committed = assignments!.Release(partitions.Select(p => p.Partition.Value), commit: true);
                log.Revoked(Topic, string.Join(',', partitions.Select(p => p.Partition.Value)),
                    committed is null ? "nothing new" : string.Join(',', committed.Select(o => $"{o.Partition.Value}@{o.Offset.Value}")));
            })
            .SetPartitionsLostHandler((_, partitions) =>
            {
                assignments!.Release(partitions.Select(p => p.Partition.Value), commit: false);
                log.Lost(Topic, string.Join(',', partitions.Select(p => p.Partition.Value)));
            })
            .SetErrorHandler((_, error) => status.OnError(error))
            .Build();
        checkpointer = new Checkpointer(this, Settings.CheckpointMessageCount, Settings.CheckpointInterval, telemetry);
        assignments = new PartitionAssignments(this, checkpointer, buffer, workerServices, Settings.PartitionBufferLimit, Settings.StopTimeout);
        restarts = new PartitionRestarts(this, assignments, buffer, telemetry);
        var loop = new PollLoop(consumer, assignments, restarts, checkpointer, buffer, status);

        consumer.Subscribe(Topic);
        consuming = true;
        KafkaMetrics.Track(this);
        new Thread(() => Run(loop, telemetry)) { IsBackground = true, Name = $"kafka:{Topic}" }.Start();
        log.EndpointStarted(Topic, GroupId, options.BootstrapServers);
        started.TrySetResult();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (consumer is null) return;
        await stopRequested.CancelAsync().ConfigureAwait(false);
        await stopped.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    void IOffsetCommitter.Commit(IReadOnlyList<TopicPartitionOffset> offsets) => consumer!.Commit(offsets);

    void IPartitionClient.Pause(TopicPartition partition) => consumer!.Pause([partition]);

    void IPartitionClient.Resume(TopicPartition partition) => consumer!.Resume([partition]);

    void IPartitionClient.Seek(TopicPartitionOffset offset) => consumer!.Seek(offset);

    long IPartitionClient.HighWatermark(TopicPartition partition) => consumer!.GetWatermarkOffsets(partition).High.Value;

    private void Run(PollLoop loop, EndpointTelemetry telemetry)
    {
        try
        {
            loop.Run(stopRequested.Token);
        }
        catch (Exception exception)
        {
            telemetry.Log.PollFaulted(exception, Topic);
            status!.LastError = exception.Message;
        }
        finally
        {
            consuming = false;
            KafkaMetrics.Untrack(this);
            consumer!.Dispose();
            telemetry.Log.EndpointStopped(Topic, GroupId);
            stopped.TrySetResult();
        }
    }
}

using Confluent.Kafka;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Redelivery;
using Ingestion.Kafka.Riding;

namespace Ingestion.Kafka.Configuration;

/// <summary>
/// What the consumer core reads about one topic endpoint. Set through the endpoint configurator: MassTransit.Kafka's flat
/// members (checkpoints, offset reset, client settings) and our extension methods (window, buffers, redelivery).
/// </summary>
internal sealed class KafkaTopicEndpointSettings
{
    internal KafkaTopicEndpointSettings(string topic) => DeadLetterTopic = $"{topic}_dlq";

    /// <summary>
    /// The window: records of one partition dispatched at the same time, in offset order (default 1: strict order). With
    /// <c>ConfigureBatchConsumer</c> the largest batch. A batch consumer under <c>ConfigureConsumer</c> needs at least its
    /// batch size here, since MassTransit assembles a batch from concurrently dispatched messages. Not MassTransit.Kafka's
    /// <c>ConcurrentDeliveryLimit</c> (per-key concurrency there).
    /// </summary>
    public int WindowSize { get; set; } = 1;

    /// <summary>
    /// How long a window smaller than <see cref="WindowSize"/> waits for more of its partition's records before it is
    /// dispatched (default zero: it goes with what is buffered). Fewer, fuller windows at low rates for at most this much
    /// latency; a window that waits for the <see cref="ConcurrentPartitionLimit"/> also takes what arrived meanwhile.
    /// </summary>
    public TimeSpan WindowTimeLimit { get; set; }

    /// <summary>Partitions dispatching at the same time (default 0: every assigned partition).</summary>
    public int ConcurrentPartitionLimit { get; set; }

    /// <summary>
    /// With a window batch consumer: windows of several partitions that wait for a slot (<see cref="ConcurrentPartitionLimit"/>)
    /// go together as one batch, whole windows up to <see cref="WindowSize"/> records (default true). False: one partition per batch.
    /// </summary>
    public bool CombinesWindows { get; set; } = true;

    /// <summary>
    /// Records fetched ahead per partition before the partition is paused: bounds what a stalled partition (one waiting for a
    /// redelivery) holds while the others flow. At least twice the window; keep it a few windows deep, since pausing drops
    /// the client's prefetched records and a resumed partition waits for a fresh fetch.
    /// </summary>
    public int PartitionBufferLimit { get; set; } = 2_000;

    /// <summary>
    /// Records fetched ahead across all partitions before the endpoint stops taking more from the client (they wait in the
    /// client's own queue, outside the managed heap, and no partition is paused for it). Kept small so fetched records are
    /// dispatched young, before the garbage collector promotes them. At least twice <see cref="PartitionBufferLimit"/>.
    /// </summary>
    public int EndpointBufferLimit { get; set; } = 4_000;

    /// <summary>Commit after this many completed messages ...</summary>
    public int CheckpointMessageCount { get; set; } = 10_000;

    /// <summary>... or after this long, whichever comes first.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Where a new group starts (default earliest).</summary>
    public AutoOffsetReset AutoOffsetReset { get; set; } = AutoOffsetReset.Earliest;

    /// <summary>How long a stop (or a revoke) waits for in-flight messages before cancelling them.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Delays between redeliveries of a message whose retries were exhausted by a transient error; the last delay repeats,
    /// so a transient error is redelivered until it goes away (it is never dead-lettered).
    /// </summary>
    public IReadOnlyList<TimeSpan> RedeliveryDelays { get; set; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    /// <summary>Redeliveries of a message that failed with a non-transient error before it is dead-lettered (default 0).</summary>
    public int NonTransientRedeliveryLimit { get; set; }

    /// <summary>Decides whether an exception is transient (default <see cref="TransientExceptions.IsTransient"/>).</summary>
    public Func<Exception, bool> IsTransient { get; set; } = TransientExceptions.IsTransient;

    /// <summary>
    /// Decides whether a failure (other than undeserialisable bytes or a validation error, which are always the record's)
    /// belongs to the record: such failures are isolated to their record and dead-lettered. Every other failure is an
    /// infrastructure fault: the partition waits and redelivers on the capped backoff for as long as it takes, never
    /// dead-letters, and the endpoint reports itself blocked (<see cref="IKafkaTopicEndpoint.BlockedSince"/>, readiness).
    /// Default null: a failure that is not transient (<see cref="IsTransient"/>) is the record's.
    /// </summary>
    public Func<Exception, bool>? IsRecordFault { get; set; }

    /// <summary>Where unrecoverable messages go (default <c>{topic}_dlq</c>).</summary>
    public string DeadLetterTopic { get; set; }

    /// <summary>Changes the Confluent consumer config after the rider's defaults and the pass-through settings, in the order given.</summary>
    public Action<ConsumerConfig>? ConfigureConsumer { get; private set; }

    /// <summary>Set by <c>UseDeadLetterTopic</c>: the dead-letter filter sits where the user put it on the error pipe.</summary>
    internal bool DeadLetterFilterConfigured { get; set; }

    /// <summary>Set by <c>ConfigureBatchConsumer</c>: each window is dispatched as one batch rather than record by record.</summary>
    public bool DeliversWindows { get; set; }

    /// <summary>Adds <paramref name="configure"/> after the consumer-config changes configured so far.</summary>
    public void AddConsumerConfiguration(Action<ConsumerConfig> configure) => ConfigureConsumer += configure;

    public TimeSpan RedeliveryDelay(int attempt) => RedeliveryDelays[Math.Min(attempt, RedeliveryDelays.Count - 1)];
}

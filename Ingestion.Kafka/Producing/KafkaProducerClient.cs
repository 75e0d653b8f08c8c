using Confluent.Kafka;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Native;
using Ingestion.Kafka.Producing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// The process's one Kafka producer (idempotent, acks=all, batching and compression), behind a circuit breaker.
/// <see cref="ITopicProducer{T}"/> serialises messages and produces through it; tools that move raw bytes
/// (DLQ replay, the dead-letter producer) use it directly.
/// </summary>
public sealed class KafkaProducerClient : IDisposable
{
    private readonly IProducer<byte[]?, byte[]> producer;
    private readonly ResiliencePipeline breaker;
    private readonly TimeSpan deliveryTimeout;
    private readonly ILogger logger;
    private int breakerOpen;

    public KafkaProducerClient(KafkaOptions options, ILogger<KafkaProducerClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        KafkaNativeLibrary.EnsureLoaded();
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        deliveryTimeout = options.DeliveryTimeout;
        producer = new ProducerBuilder<byte[]?, byte[]>(KafkaClientConfigs.Producer(options))
            .SetErrorHandler((_, error) => OnError(error))
            .Build();
        breaker = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<KafkaProduceException>(),
                OnOpened = _ => SetBreakerOpen(true),
                OnClosed = _ => SetBreakerOpen(false),
            })
            .Build();
        KafkaMetrics.Track(this);
    }

    /// <summary>The delivery timeout every produce is bounded by.</summary>
    public TimeSpan DeliveryTimeout => deliveryTimeout;

    /// <summary>True from the moment the circuit breaker opens until a trial produce closes it again.</summary>
    public bool BreakerOpen => Volatile.Read(ref breakerOpen) == 1;

    /// <summary>Produces one record and completes when the broker acknowledged it.</summary>
    /// <exception cref="KafkaProduceException">Not acknowledged within the delivery timeout, or rejected.</exception>
    /// <exception cref="KafkaUnavailableException">The circuit breaker is open.</exception>
    public Task<TopicPartitionOffset> Produce(string topic, Message<byte[]?, byte[]> message, CancellationToken cancellationToken = default) =>
        Produce(new TopicPartition(topic, Partition.Any), message, cancellationToken);

    /// <summary>Produces one record to a partition (<see cref="Partition.Any"/>: the key chooses) and completes when acknowledged.</summary>
    /// <exception cref="KafkaProduceException">Not acknowledged within the delivery timeout, or rejected.</exception>
    /// <exception cref="KafkaUnavailableException">The circuit breaker is open.</exception>
    public async Task<TopicPartitionOffset> Produce(TopicPartition topic, Message<byte[]?, byte[]> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topic);
        try
        {
            return await breaker.ExecuteAsync(static async (state, token) =>
            {
                try
                {
                    var result = await state.Self.producer.ProduceAsync(state.Topic, state.Message, token).ConfigureAwait(false);
                    return result.TopicPartitionOffset;
                }
                catch (ProduceException<byte[]?, byte[]> exception)
                {
                    throw new KafkaProduceException(
                        $"Kafka did not acknowledge a record for topic '{state.Topic.Topic}': {exception.Error.Reason} ({exception.Error.Code}).", exception);
                }
                catch (KafkaException exception)
                {
                    throw new KafkaProduceException($"Kafka refused a record for topic '{state.Topic.Topic}': {exception.Error.Reason}.", exception);
                }
            }, (Self: this, Topic: topic, Message: message), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw Unavailable(topic.Topic, exception);
        }
    }

    /// <summary>
    /// Produces many records to <paramref name="topic"/> in order (fire all, then await every acknowledgement).
    /// On failure throws <see cref="KafkaProduceException"/> whose <see cref="KafkaProduceException.AcknowledgedIndexes"/> lists
    /// the records the broker did acknowledge.
    /// </summary>
    public Task ProduceMany(string topic, IReadOnlyList<Message<byte[]?, byte[]>> messages, CancellationToken cancellationToken = default) =>
        ProduceMany(topic, messages, partitions: null, cancellationToken);

    /// <summary>
    /// As <see cref="ProduceMany(string, IReadOnlyList{Message{byte[], byte[]}}, CancellationToken)"/>, each record to its
    /// partition in <paramref name="partitions"/> (same length; null = every record's key chooses).
    /// </summary>
    public async Task ProduceMany(string topic, IReadOnlyList<Message<byte[]?, byte[]>> messages, IReadOnlyList<Partition>? partitions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (partitions is not null && partitions.Count != messages.Count)
            throw new ArgumentException("One partition per message, or none.", nameof(partitions));
        if (messages.Count == 0) return;
        try
        {
            await breaker.ExecuteAsync(static async (state, token) =>
                await state.Self.ProduceManyCore(state.Topic, state.Messages, state.Partitions, token).ConfigureAwait(false),
                (Self: this, Topic: topic, Messages: messages, Partitions: partitions), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            throw Unavailable(topic, exception);
        }
    }

    /// <summary>Waits until every queued record was delivered or failed (used on shutdown).</summary>
    public void Flush(TimeSpan timeout) => producer.Flush(timeout);

    public void Dispose()
    {
        KafkaMetrics.Untrack(this);
        try
        {
            producer.Flush(deliveryTimeout);
        }
        finally
        {
            producer.Dispose();
        }
    }

    private async Task ProduceManyCore(string topic, IReadOnlyList<Message<byte[]?, byte[]>> messages, IReadOnlyList<Partition>? partitions,
        CancellationToken cancellationToken)
    {
        var batch = new DeliveryBatch(messages.Count);
        var anyPartition = new TopicPartition(topic, Partition.Any);
        for (var i = 0; i < messages.Count; i++)
        {
            var index = i;
            var destination = partitions is null || partitions[i] == Partition.Any ? anyPartition : new TopicPartition(topic, partitions[i]);
            while (true)
            {
                try
                {
                    producer.Produce(destination, messages[i], report => batch.Report(index, report.Error));
                    break;
                }
                catch (ProduceException<byte[]?, byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // The local queue is full: let librdkafka drain it, then go on.
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }
                catch (KafkaException exception)
                {
                    batch.Report(index, exception.Error);
                    break;
                }
            }
        }

        // librdkafka always reports within message.timeout.ms; the extra margin only guards against a lost callback.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var completed = await Task.WhenAny(batch.Completion, Task.Delay(deliveryTimeout + TimeSpan.FromSeconds(5), guard.Token)).ConfigureAwait(false);
        await guard.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (completed != batch.Completion || batch.FirstError is not null)
        {
            var error = batch.FirstError;
            throw new KafkaProduceException(
                $"Kafka acknowledged {batch.AcknowledgedIndexes().Count} of {messages.Count} records for topic '{topic}'" +
                (error is null ? " within the delivery timeout." : $": {error.Reason} ({error.Code})."),
                acknowledgedIndexes: batch.AcknowledgedIndexes());
        }
    }

    private KafkaUnavailableException Unavailable(string topic, BrokenCircuitException exception) =>
        new($"Kafka is unavailable (recent produces to '{topic}' failed); try again later.",
            exception.RetryAfter ?? TimeSpan.FromSeconds(1), exception);

    private ValueTask SetBreakerOpen(bool open)
    {
        Volatile.Write(ref breakerOpen, open ? 1 : 0);
        if (open)
            logger.LogWarning("Kafka produce circuit breaker opened: produces fail at once until a trial produce succeeds");
        else
            logger.LogInformation("Kafka produce circuit breaker closed");
        return ValueTask.CompletedTask;
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
            logger.LogError("Kafka producer fatal error {Code}: {Reason}", error.Code, error.Reason);
        else
            logger.LogWarning("Kafka producer error {Code}: {Reason}", error.Code, error.Reason);
    }
}

using Confluent.Kafka;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// The process's one Kafka producer (idempotent, acks=all, batching and compression), behind a circuit breaker
/// (<see cref="ProducerBreaker"/>). <see cref="ITopicProducer{T}"/> serialises messages and produces through it; tools that
/// move raw bytes (DLQ replay, the dead-letter producer) use it directly.
/// </summary>
public sealed class KafkaProducerClient : IDisposable
{
    private readonly IProducer<byte[]?, byte[]> producer;
    private readonly ProducerBreaker breaker;
    private readonly TimeSpan deliveryTimeout;
    private readonly ILogger logger;

    public KafkaProducerClient(KafkaOptions options, ILogger<KafkaProducerClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        KafkaNativeLibrary.EnsureLoaded();
        this.logger = (ILogger?)logger ?? NullLogger.Instance;
        deliveryTimeout = options.DeliveryTimeout;
        producer = new ProducerBuilder<byte[]?, byte[]>(KafkaClientConfigs.Producer(options))
            .SetErrorHandler((_, error) => OnError(error))
            .Build();
        breaker = new ProducerBreaker(options, this.logger);
        KafkaMetrics.Track(this);
    }

    /// <summary>The delivery timeout every produce is bounded by.</summary>
    public TimeSpan DeliveryTimeout => deliveryTimeout;

    /// <summary>Records and bytes handed to each topic so far (before compression).</summary>
    public ProducedVolume Volume { get; } = new();

    /// <summary>True from the moment the circuit breaker opens until a trial produce closes it again.</summary>
    public bool BreakerOpen => breaker.IsOpen;

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
        ArgumentNullException.ThrowIfNull(message);
        Volume.Add(topic.Topic, message);
        return await breaker.Run(static async (state, token) =>
        {
            try
            {
                var result = await state.Producer.ProduceAsync(state.Topic, state.Message, token).ConfigureAwait(false);
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
        }, (Producer: producer, Topic: topic, Message: message), topic.Topic, cancellationToken).ConfigureAwait(false);
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
        Volume.Add(topic, messages);
        await breaker.Run(static async (state, token) =>
        {
            await ManyRecordsSender.SendAsync(state.Producer, state.Topic, state.Messages, state.Partitions, state.Timeout, token).ConfigureAwait(false);
            return true;
        }, (Producer: producer, Topic: topic, Messages: messages, Partitions: partitions, Timeout: deliveryTimeout), topic, cancellationToken)
            .ConfigureAwait(false);
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

    private void OnError(Error error)
    {
        if (error.IsFatal)
            logger.LogError("Kafka producer fatal error {Code}: {Reason}", error.Code, error.Reason);
        else
            logger.LogWarning("Kafka producer error {Code}: {Reason}", error.Code, error.Reason);
    }
}

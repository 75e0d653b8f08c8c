using MassTransit;

namespace MassTransit;

/// <summary>
/// Produces messages of type <typeparamref name="T"/> to the Kafka topic registered for it with <c>rider.AddProducer&lt;T&gt;(topic)</c>.
/// Mirrors MassTransit.Kafka's <c>ITopicProducer&lt;T&gt;</c>: every record runs through MassTransit's send pipeline
/// (send filters and observers of the bus, the rider and the producer; a <see cref="KafkaSendContext{T}"/> per record).
/// </summary>
public interface ITopicProducer<T> : ISendObserverConnector
    where T : class
{
    /// <summary>
    /// Produces one message and completes when the broker acknowledged it (acks=all, idempotent producer).
    /// Throws <see cref="KafkaProduceException"/> when the broker did not acknowledge within the delivery timeout,
    /// and <see cref="KafkaUnavailableException"/> at once while the circuit breaker is open.
    /// </summary>
    Task Produce(T message, CancellationToken cancellationToken = default);

    /// <summary>
    /// As <see cref="Produce(T, CancellationToken)"/>; <paramref name="pipe"/> runs on the record's send context after the
    /// send filters (set headers, the key through <c>KafkaSendContext&lt;string, T&gt;</c> or, for <c>AddProducer&lt;TKey, T&gt;</c>,
    /// <c>KafkaSendContext&lt;TKey, T&gt;</c>, the partition, the message id).
    /// </summary>
    Task Produce(T message, IPipe<KafkaSendContext<T>> pipe, CancellationToken cancellationToken = default);

    /// <summary>
    /// Produces many messages in order and completes when every one was acknowledged. On failure the thrown
    /// <see cref="KafkaProduceException"/> lists which indexes were acknowledged, so a caller can retry the rest.
    /// </summary>
    Task ProduceMany(IReadOnlyList<T> messages, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="ProduceMany(IReadOnlyList{T}, CancellationToken)"/>, with <paramref name="pipe"/> run on each record's context.</summary>
    Task ProduceMany(IReadOnlyList<T> messages, IPipe<KafkaSendContext<T>> pipe, CancellationToken cancellationToken = default);
}

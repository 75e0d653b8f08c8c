namespace Ingestion.Kafka;

/// <summary>
/// Produces messages of type <typeparamref name="T"/> to the Kafka topic registered for it with <c>rider.AddProducer&lt;T&gt;(topic)</c>.
/// Mirrors MassTransit.Kafka's <c>ITopicProducer&lt;T&gt;</c>.
/// </summary>
public interface ITopicProducer<in T>
    where T : class
{
    /// <summary>
    /// Produces one message and completes when the broker acknowledged it (acks=all, idempotent producer).
    /// Throws <see cref="KafkaProduceException"/> when the broker did not acknowledge within the delivery timeout,
    /// and <see cref="KafkaUnavailableException"/> at once while the circuit breaker is open.
    /// </summary>
    Task Produce(T message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Produces many messages in order and completes when every one was acknowledged. On failure the thrown
    /// <see cref="KafkaProduceException"/> lists which indexes were acknowledged, so a caller can retry the rest.
    /// </summary>
    Task ProduceMany(IReadOnlyList<T> messages, CancellationToken cancellationToken = default);
}

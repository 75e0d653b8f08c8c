using MassTransit;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// Dead-letters the Kafka record behind a consumed message to its endpoint's dead-letter topic as a
/// <see cref="DeadLetterRecord"/> (its fields: Ingestion.Kafka/README.md). A batch consumer uses it to dead-letter one member
/// itself and then completes the batch normally, so the good members are persisted and every offset is committed.
/// </summary>
public interface IDeadLetterProducer
{
    /// <summary>Completes when the dead-letter topic acknowledged the record. <paramref name="reason"/> is one of <see cref="DeadLetterReasons"/>.</summary>
    Task DeadLetter(ConsumeContext context, string reason, Exception exception, CancellationToken cancellationToken = default);

    /// <summary>As above, with an error text instead of an exception (for example a validation message).</summary>
    Task DeadLetter(ConsumeContext context, string reason, string error, string? errorType = null, CancellationToken cancellationToken = default);
}

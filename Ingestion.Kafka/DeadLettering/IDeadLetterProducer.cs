using MassTransit;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// Dead-letters the Kafka record behind a consumed message to its endpoint's dead-letter topic as a
/// <see cref="DeadLetterRecord"/> (its fields: Ingestion.Kafka/README.md), directly: the record does not pass the endpoint's
/// error pipe, so no error filter sees it. A batch consumer that refuses single members should rather call
/// <c>context.Reject(member, exception)</c> (<c>Ingestion.Kafka.Batching</c>), which takes each through the error pipe.
/// </summary>
public interface IDeadLetterProducer
{
    /// <summary>Completes when the dead-letter topic acknowledged the record. <paramref name="reason"/> is one of <see cref="DeadLetterReasons"/>.</summary>
    Task DeadLetter(ConsumeContext context, string reason, Exception exception, CancellationToken cancellationToken = default);

    /// <summary>As above, with an error text instead of an exception (for example a validation message).</summary>
    Task DeadLetter(ConsumeContext context, string reason, string error, string? errorType = null, CancellationToken cancellationToken = default);
}

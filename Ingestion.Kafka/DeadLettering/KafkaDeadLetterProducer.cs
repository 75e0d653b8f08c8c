using MassTransit;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>Produces dead-letter records through the shared producer and waits for the acknowledgement.</summary>
internal sealed class KafkaDeadLetterProducer(KafkaProducerClient producer) : IDeadLetterProducer
{
    public Task DeadLetter(ConsumeContext context, string reason, Exception exception, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return DeadLetter(context, reason, exception.Message, exception.GetType().FullName, cancellationToken);
    }

    public Task DeadLetter(ConsumeContext context, string reason, string error, string? errorType = null, CancellationToken cancellationToken = default)
    {
        var record = context.GetKafkaRecord();
        return DeadLetter(record, reason, error, errorType, record.DeliveryCount, cancellationToken);
    }

    public Task DeadLetter(KafkaRecordContext record, string reason, string error, string? errorType, int attempts, CancellationToken cancellationToken) =>
        producer.Produce(record.Endpoint.DeadLetterTopic,
            DeadLetterRecordFactory.Create(record, reason, error, errorType, attempts), cancellationToken);
}

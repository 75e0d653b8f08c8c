using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Producing;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// Produces dead-letter records through the shared producer and waits for the acknowledgement. A record the broker refuses
/// as too large anyway is replaced by a minimal one (coordinates, reason, size and hash of the original), so one record can
/// never hold its partition.
/// </summary>
internal sealed class KafkaDeadLetterProducer(KafkaProducerClient producer, DeadLetterSizeLimit sizeLimit, ILogger? logger = null)
    : IDeadLetterProducer
{
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    public Task DeadLetter(ConsumeContext context, string reason, Exception exception, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return DeadLetter(context, reason, exception.Message, exception.GetType().FullName, cancellationToken);
    }

    public Task DeadLetter(ConsumeContext context, string reason, string error, string? errorType = null, CancellationToken cancellationToken = default)
    {
        var record = context.GetKafkaRecord();
        return DeadLetter(record, record.Endpoint.DeadLetterTopic, reason, error, errorType, record.DeliveryCount, cancellationToken);
    }

    public ILogger Logger => logger;

    public async Task DeadLetter(KafkaRecordContext record, string topic, string reason, string error, string? errorType, int attempts,
        CancellationToken cancellationToken)
    {
        var limit = await sizeLimit.GetAsync(topic).ConfigureAwait(false);
        try
        {
            await producer.Produce(topic, DeadLetterRecordFactory.Create(record, reason, error, errorType, attempts, limit), cancellationToken).ConfigureAwait(false);
        }
        catch (KafkaProduceException exception) when (IsTooLarge(exception))
        {
            logger.DeadLetterTooLarge(record.Topic, record.Partition, record.Offset, topic, limit);
            await producer.Produce(topic, DeadLetterRecordFactory.CreateMinimal(record, reason, error, errorType, attempts), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTooLarge(KafkaProduceException exception) =>
        exception.InnerException is KafkaException { Error.Code: ErrorCode.MsgSizeTooLarge or ErrorCode.RecordListTooLarge or ErrorCode.InvalidMsgSize };
}

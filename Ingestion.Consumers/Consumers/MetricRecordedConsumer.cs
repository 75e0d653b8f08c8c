using Ingestion.Consumers.Persisting;
using Ingestion.Contracts;
using Ingestion.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using MassTransit;

namespace Ingestion.Consumers.Consumers;

/// <summary>
/// Persists batches of <see cref="MetricRecorded"/> with <see cref="MetricBatchHandler"/> and dead-letters what it rejects
/// (invalid metrics, reason <c>validation</c>), all at once and acknowledged before the batch completes. A failed write
/// fails the whole batch: a row PostgreSQL refuses for its data is the record's fault, and the rider splits the window until
/// it stands alone and dead-letters it (reason <c>exhausted</c>, with the SQLSTATE in the error); any other failure is
/// retried and redelivered, and nothing of the batch is committed or dead-lettered meanwhile.
/// </summary>
public sealed class MetricRecordedConsumer(MetricBatchHandler handler, IDeadLetterProducer deadLetters) : IConsumer<Batch<MetricRecorded>>
{
    public async Task Consume(ConsumeContext<Batch<MetricRecorded>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messages = context.Message;
        var batch = new IncomingMetric[messages.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            var record = messages[i].GetKafkaRecord();
            batch[i] = new IncomingMetric(messages[i].Message, record.Topic, record.Partition, record.Offset)
            {
                TimestampMs = record.Timestamp.ToUnixTimeMilliseconds(),
                Key = record.KeyBytes,
                Value = record.Value,
                Headers = record.Headers,
            };
        }
        var result = await handler.HandleAsync(batch, context.CancellationToken);
        if (result.Rejected.Count > 0)
            await Task.WhenAll(result.Rejected.Select(rejection => DeadLetterAsync(messages[rejection.Index], rejection, context.CancellationToken)));
    }

    private Task DeadLetterAsync(ConsumeContext<MetricRecorded> message, MetricRejection rejection, CancellationToken cancellationToken) =>
        deadLetters.DeadLetter(message, rejection.Reason, rejection.Error, "MetricValidation", cancellationToken);
}

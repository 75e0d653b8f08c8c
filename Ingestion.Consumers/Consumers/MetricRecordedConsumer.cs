using Ingestion.Consumers.Persisting;
using Ingestion.Contracts;
using Ingestion.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using MassTransit;

namespace Ingestion.Consumers.Consumers;

/// <summary>
/// Persists batches of <see cref="MetricRecorded"/> with <see cref="MetricBatchHandler"/> and dead-letters what it rejects
/// (invalid metrics, reason <c>validation</c>; rows PostgreSQL refuses for their data, reason <c>exhausted</c>), all at once
/// and acknowledged before the batch completes. A failure that is not one metric's fails the whole batch, which the rider
/// retries and redelivers; nothing of it is committed or dead-lettered meanwhile.
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
        rejection.Exception is { } exception
            ? deadLetters.DeadLetter(message, rejection.Reason, exception, cancellationToken)
            : deadLetters.DeadLetter(message, rejection.Reason, rejection.Error, "MetricValidation", cancellationToken);
}

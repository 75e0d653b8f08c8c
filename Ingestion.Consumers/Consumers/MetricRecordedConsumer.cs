using Ingestion.Consumers.Persisting;
using Ingestion.Contracts;
using Ingestion.Kafka;
using Ingestion.Kafka.DeadLettering;
using MassTransit;

namespace Ingestion.Consumers.Consumers;

/// <summary>
/// Persists batches of <see cref="MetricRecorded"/>: invalid metrics are dead-lettered one by one (reason <c>validation</c>),
/// the rest are written in one idempotent statement. A transient database error fails the whole batch, which the rider
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
            var metric = messages[i].Message;
            if (metric.Id is null && ReplayedMetricId.From(record.Headers, record.KeyBytes, record.Value) is { } replayedId)
                metric = metric with { Id = replayedId };
            batch[i] = new IncomingMetric(metric, record.Topic, record.Partition, record.Offset)
            {
                TimestampMs = record.Timestamp.ToUnixTimeMilliseconds(),
                Key = record.KeyBytes,
                Value = record.Value,
            };
        }
        await handler.HandleAsync(batch, rejection => DeadLetterAsync(messages[rejection.Index], rejection, context.CancellationToken), context.CancellationToken);
    }

    private Task DeadLetterAsync(ConsumeContext<MetricRecorded> message, MetricRejection rejection, CancellationToken cancellationToken) =>
        rejection.Exception is { } exception
            ? deadLetters.DeadLetter(message, rejection.Reason, exception, cancellationToken)
            : deadLetters.DeadLetter(message, rejection.Reason, rejection.Error, "MetricValidation", cancellationToken);
}

using Ingestion.Consumers.Persisting;
using Ingestion.Contracts;
using MassTransit;

namespace Ingestion.Consumers.Consumers;

/// <summary>
/// Persists batches of <see cref="MetricRecorded"/>: invalid metrics are dead-lettered one by one (reason <c>validation</c>),
/// the rest are written in one idempotent statement. A transient database error fails the whole batch, which the rider
/// retries and redelivers; nothing of it is committed or dead-lettered meanwhile.
/// </summary>
public sealed class MetricRecordedConsumer(MetricBatchHandler handler) : IConsumer<Batch<MetricRecorded>>
{
    public async Task Consume(ConsumeContext<Batch<MetricRecorded>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messages = context.Message;
        var batch = new IncomingMetric[messages.Length];
        for (var i = 0; i < batch.Length; i++)
        {
            var (topic, partition, offset) = KafkaRecordOf(messages[i]);
            batch[i] = new IncomingMetric(messages[i].Message, topic, partition, offset);
        }
        await handler.HandleAsync(batch, rejection => DeadLetterAsync(messages[rejection.Index], rejection), context.CancellationToken);
    }

    private static (string Topic, int Partition, long Offset) KafkaRecordOf(ConsumeContext<MetricRecorded> message) =>
        throw new NotSupportedException($"Waiting for the rider's consume side ({message.MessageId}).");

    private static Task DeadLetterAsync(ConsumeContext<MetricRecorded> message, MetricRejection rejection) =>
        throw new NotSupportedException($"Waiting for the rider's dead-letter service ({message.MessageId}, {rejection.Reason}).");
}

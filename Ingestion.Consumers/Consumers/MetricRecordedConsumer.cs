using Ingestion.Consumers.Persisting;
using Ingestion.Contracts;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Consuming;
using MassTransit;

namespace Ingestion.Consumers.Consumers;

/// <summary>
/// Persists batches of <see cref="MetricRecorded"/> with <see cref="MetricBatchHandler"/> and rejects what it refuses
/// (invalid metrics) with <c>Reject</c>: once the batch completed, the rider takes each rejected record down the endpoint's
/// error pipe with its <see cref="InvalidMessageException"/>, where the dead-letter filter writes it (reason
/// <c>validation</c>) before its offset is committed. A failed write fails the whole batch: a row PostgreSQL refuses for its
/// data is the record's fault, and the rider splits the window until it stands alone and dead-letters it (reason
/// <c>exhausted</c>, with the SQLSTATE in the error); any other failure is retried and redelivered, and nothing of the batch
/// is committed or dead-lettered meanwhile.
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
        foreach (var rejection in result.Rejected)
            context.Reject(messages[rejection.Index], new InvalidMessageException(rejection.Error));
    }
}

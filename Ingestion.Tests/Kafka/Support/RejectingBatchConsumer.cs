using Ingestion.Contracts;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Consuming;
using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>Rejects members named "invalid" with <see cref="InvalidMessageException"/> and completes the batch for the others.</summary>
public sealed class RejectingBatchConsumer(ConsumedMessages consumed) : IConsumer<Batch<MetricRecorded>>
{
    public Task Consume(ConsumeContext<Batch<MetricRecorded>> context)
    {
        foreach (var member in context.Message)
        {
            var record = member.GetKafkaRecord();
            if (member.Message.Name == "invalid")
                context.Reject(member, new InvalidMessageException($"value: offset {record.Offset} is not a finite number"));
            else
                consumed.Messages.Enqueue(new ConsumedMessage(member.Message, record.Partition, record.Offset, record.Key, null));
        }
        return Task.CompletedTask;
    }
}

using Ingestion.Contracts;
using Ingestion.Kafka.Consuming;
using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>A batch consumer: the whole batch fails when its behaviour throws for any member (like one bad row failing an INSERT).</summary>
public sealed class CollectingBatchConsumer(ConsumedMessages consumed) : IConsumer<Batch<MetricRecorded>>
{
    public async Task Consume(ConsumeContext<Batch<MetricRecorded>> context)
    {
        consumed.BatchSizes.Enqueue(context.Message.Length);
        if (consumed.Behavior is { } behavior)
        {
            foreach (var member in context.Message)
                await behavior(member.Message, 0);
        }
        consumed.Batches.Enqueue([.. context.Message.Select(member => member.GetKafkaRecord())]);
        foreach (var member in context.Message)
            consumed.Messages.Enqueue(new ConsumedMessage(member.Message, member.GetKafkaRecord().Partition, member.GetKafkaRecord().Offset, member.GetKafkaRecord().Key, null));
    }
}

using Ingestion.Contracts;
using Ingestion.Kafka.DeadLettering;
using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>Dead-letters members named "bad" itself and completes the batch.</summary>
public sealed class SelfDeadLetteringBatchConsumer(IDeadLetterProducer deadLetters) : IConsumer<Batch<MetricRecorded>>
{
    public async Task Consume(ConsumeContext<Batch<MetricRecorded>> context)
    {
        foreach (var member in context.Message)
        {
            if (member.Message.Name == "bad")
                await deadLetters.DeadLetter(member, DeadLetterReasons.Validation, "name: rejected by the consumer", cancellationToken: context.CancellationToken);
        }
    }
}

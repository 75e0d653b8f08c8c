using Ingestion.Kafka.Consuming;
using MassTransit;

namespace Ingestion.Kafka.Batching;

/// <summary>Counts each time the consumer is called for a window (in-memory retries included), for the dead-letter record's attempts.</summary>
internal sealed class AttemptCountingFilter<T> : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (context.TryGetPayload(out DispatchAttempt? attempt))
            attempt.CountAttempt();
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("kafkaAttempts");
}

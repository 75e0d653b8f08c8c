using Ingestion.Kafka.Consuming;
using MassTransit;

namespace Ingestion.Kafka.Redelivery;

/// <summary>
/// Counts each time the consumer pipeline runs for a dispatch (in-memory retries included), for the dead-letter record's
/// attempts. Sits inside any retry filter: in a window batch consumer's pipe, or (<see cref="AttemptCountingObserver"/>) in a
/// record-by-record endpoint's message pipe after the endpoint's retry.
/// </summary>
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

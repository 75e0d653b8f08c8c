using System.Runtime.ExceptionServices;
using MassTransit;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// The rider's first filter on a topic endpoint's consume pipe: a dispatch that carries a <see cref="RecordRejection"/> fails
/// with the rejection's exception at once (no consumer, no user filter runs), so the endpoint's error pipe (the user's
/// filters, the dead-letter filter) sees the rejected record with its exception. Every other dispatch passes unchanged.
/// </summary>
internal sealed class RejectedRecordFilter : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (context.TryGetPayload(out RecordRejection? rejection))
            ExceptionDispatchInfo.Capture(rejection.Exception).Throw();
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("kafkaRejectedRecord");
}

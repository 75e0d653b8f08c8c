using System.Runtime.ExceptionServices;
using Ingestion.Kafka.Batching;
using MassTransit;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// The rider's first filter on a topic endpoint's error pipe: a failure that is not final (an infrastructure fault to be
/// redelivered, a batch failure still to be split, a record with redeliveries left) goes back to the rider at once, so the
/// filters after this one (a user's, the dead-letter filter) see only the faults that end a record's delivery.
/// </summary>
internal sealed class FinalFaultFilter : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (context.TryGetPayload(out DispatchAttempt? attempt) && attempt.IsFinal(context.Exception))
        {
            if (context.TryGetPayload(out KafkaRecordContext? record)) record.FaultPassedOn = true;
            else if (context.TryGetPayload(out KafkaWindowContext? window) && window.Alone() is { } alone)
            {
                // A window of one record: its fault is that record's; the filters after this one see it as the payload.
                window.FaultPassedOn = true;
                context.GetOrAddPayload(() => alone);
            }
            await next.Send(context).ConfigureAwait(false);
            return;
        }
        await context.NotifyFaulted(context.Exception).ConfigureAwait(false);
        ExceptionDispatchInfo.Capture(context.Exception).Throw();
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("kafkaFinalFault");
}

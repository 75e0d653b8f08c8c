using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>A scoped consume filter (<c>UseConsumeFilter</c>) that records the message type of every context it sees.</summary>
public sealed class RecordingConsumeFilter<T>(ConsumedMessages consumed) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        consumed.FilteredMessageTypes.Enqueue(typeof(T));
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("recording");
}

using MassTransit;

namespace Ingestion.Tests.Kafka.Producing;

/// <summary>A send filter (as a team would write one to stamp a tenant): sets header <c>tenant</c> and counts what it saw.</summary>
public sealed class StampingSendFilter<T>(SentMessages sent) : IFilter<SendContext<T>>
    where T : class
{
    public const string Header = "tenant";

    public Task Send(SendContext<T> context, IPipe<SendContext<T>> next)
    {
        sent.Filtered.Enqueue(context.MessageId ?? Guid.Empty);
        context.Headers.Set(Header, sent.Tenant);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("stamping");
}

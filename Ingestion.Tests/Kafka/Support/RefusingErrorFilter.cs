using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>A user's error filter that rethrows the first <c>times</c> faults it sees (hands them back), then passes faults on.</summary>
public sealed class RefusingErrorFilter(int times) : IFilter<ExceptionReceiveContext>
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next) =>
        Interlocked.Increment(ref calls) <= times ? throw new InvalidOperationException("not now", context.Exception) : next.Send(context);

    public void Probe(ProbeContext context) => context.CreateFilterScope("refusingError");
}

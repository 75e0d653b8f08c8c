using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>A MassTransit consume observer registered in the container (<c>x.AddConsumeObserver&lt;T&gt;()</c>).</summary>
public sealed class CountingConsumeObserver : IConsumeObserver
{
    private int consumed;

    public int Consumed => Volatile.Read(ref consumed);

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        Interlocked.Increment(ref consumed);
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}

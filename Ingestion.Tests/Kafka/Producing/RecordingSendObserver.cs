using MassTransit;

namespace Ingestion.Tests.Kafka.Producing;

/// <summary>A send observer that records pre-send, post-send and faults by message id.</summary>
public sealed class RecordingSendObserver(SentMessages sent) : ISendObserver
{
    public Task PreSend<T>(SendContext<T> context)
        where T : class
    {
        sent.PreSent.Enqueue(context.MessageId ?? Guid.Empty);
        return Task.CompletedTask;
    }

    public Task PostSend<T>(SendContext<T> context)
        where T : class
    {
        sent.PostSent.Enqueue(context.MessageId ?? Guid.Empty);
        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class
    {
        sent.Faulted.Enqueue((context.MessageId ?? Guid.Empty, exception));
        return Task.CompletedTask;
    }
}

using MassTransit;
using MassTransit.Util;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// The MassTransit side of one producer: its send filters (the bus's, the rider's, the producer's, in that order), its send
/// observers (same three sources; connectable at any time) and its value serializer.
/// </summary>
internal sealed class KafkaSendPipeline<T>
    where T : class
{
    private readonly IPipe<SendContext<T>> filters;
    private readonly ISendObserver[] observers;

    public KafkaSendPipeline(string topic, Uri? hostAddress, IPipe<SendContext<T>>? filters, IReadOnlyList<ISendObserver> sharedObservers,
        IMessageSerializer serializer)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        this.filters = filters ?? Pipe.Empty<SendContext<T>>();
        HasFilters = this.filters.IsNotEmpty();
        observers = [.. sharedObservers, ProducerObservers];
        Topic = topic;
        HostAddress = hostAddress;
        DestinationAddress = new Uri($"topic:{topic}");
        Serializer = serializer;
    }

    /// <summary>A producer without a bus: no filters, its own observers only, raw JSON.</summary>
    public static KafkaSendPipeline<T> Standalone(string topic) => new(topic, null, null, [], KafkaRawJsonSerializer.Instance);

    public string Topic { get; }

    public Uri? HostAddress { get; }

    public Uri DestinationAddress { get; }

    public IMessageSerializer Serializer { get; }

    public bool HasFilters { get; }

    /// <summary>Observers connected to this producer alone (<c>producer.ConnectSendObserver</c>).</summary>
    public MassTransit.Observables.SendObservable ProducerObservers { get; } = new();

    /// <summary>
    /// True when a record needs no send context: no filter, no observer connected right now, the raw JSON serializer.
    /// Checked per produce, so an observer connected later is seen.
    /// </summary>
    public bool IsDirect => !HasFilters && ReferenceEquals(Serializer, KafkaRawJsonSerializer.Instance) && !HasObservers;

    public bool HasObservers
    {
        get
        {
            foreach (var observer in observers)
            {
                if (Count(observer) > 0) return true;
            }
            return false;
        }
    }

    public Task ApplyFilters(SendContext<T> context) => HasFilters ? filters.Send(context) : Task.CompletedTask;

    public async Task PreSend(SendContext<T> context)
    {
        foreach (var observer in observers)
        {
            if (Count(observer) > 0) await observer.PreSend(context).ConfigureAwait(false);
        }
    }

    public async Task PostSend(SendContext<T> context)
    {
        foreach (var observer in observers)
        {
            if (Count(observer) > 0) await observer.PostSend(context).ConfigureAwait(false);
        }
    }

    public async Task SendFault(SendContext<T> context, Exception exception)
    {
        foreach (var observer in observers)
        {
            if (Count(observer) > 0) await observer.SendFault(context, exception).ConfigureAwait(false);
        }
    }

    // MassTransit's observables are Connectable; any other observer (a plain ISendObserver) always counts.
    private static int Count(ISendObserver observer) => observer is Connectable<ISendObserver> connectable ? connectable.Count : 1;
}

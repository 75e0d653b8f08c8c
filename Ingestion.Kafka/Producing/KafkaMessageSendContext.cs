using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using MassTransit;
using MassTransit.Context;

namespace Ingestion.Kafka.Producing;

/// <summary>MassTransit's own <see cref="MessageSendContext{T}"/> with the Kafka partition; the key is typed in <see cref="KafkaMessageSendContext{TKey, T}"/>.</summary>
internal abstract class KafkaMessageSendContext<T>(T message, CancellationToken cancellationToken)
    : MessageSendContext<T>(message, cancellationToken), KafkaSendContext<T>
    where T : class
{
    public Partition Partition { get; set; } = Partition.Any;

    /// <summary>Lets the producer's key resolver choose the key when no send filter or pipe set one.</summary>
    public abstract void ResolveKey();

    /// <summary>The key as Confluent.Kafka's serializer for its type writes it; null for a record without a key.</summary>
    public abstract byte[]? SerializeKey(string topic);
}

/// <summary>
/// The send context of a record with a <typeparamref name="TKey"/> key (string for <c>AddProducer&lt;T&gt;</c>). A key set by a
/// send filter or the caller's pipe wins; <paramref name="keyResolver"/> (<c>AddProducer&lt;TKey, T&gt;</c>) chooses it otherwise.
/// </summary>
internal sealed class KafkaMessageSendContext<TKey, T>(T message, KafkaKeyResolver<TKey, T>? keyResolver, CancellationToken cancellationToken)
    : KafkaMessageSendContext<T>(message, cancellationToken), KafkaSendContext<TKey, T>
    where T : class
{
    private TKey? key;
    private bool keySet;

    public TKey? Key
    {
        get => key;
        set
        {
            key = value;
            keySet = true;
        }
    }

    public override void ResolveKey()
    {
        if (!keySet && keyResolver is not null)
            Key = keyResolver(this);
    }

    public override byte[]? SerializeKey(string topic) => KafkaKeys.Serialize(key, topic);
}

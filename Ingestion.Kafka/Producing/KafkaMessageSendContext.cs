using Confluent.Kafka;
using MassTransit;
using MassTransit.Context;

namespace Ingestion.Kafka.Producing;

/// <summary>MassTransit's own <see cref="MessageSendContext{T}"/> with the Kafka key and partition.</summary>
internal sealed class KafkaMessageSendContext<TKey, T>(T message, CancellationToken cancellationToken)
    : MessageSendContext<T>(message, cancellationToken), KafkaSendContext<TKey, T>
    where T : class
{
    public Partition Partition { get; set; } = Partition.Any;

    public TKey? Key { get; set; }

    /// <summary>The key already serialised by a typed key resolver (<c>AddProducer&lt;TKey, T&gt;</c>); wins over <see cref="Key"/>.</summary>
    public byte[]? KeyBytes { get; set; }
}

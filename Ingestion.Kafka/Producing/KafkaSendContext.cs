using Confluent.Kafka;
using MassTransit;

namespace MassTransit;

/// <summary>
/// The send context of one Kafka record, as MassTransit.Kafka's <c>KafkaSendContext</c>: MassTransit's
/// <see cref="SendContext"/> (headers, message id, serializer, ...) plus the partition to write to.
/// </summary>
public interface KafkaSendContext : SendContext
{
    /// <summary>The partition to write to; <see cref="Confluent.Kafka.Partition.Any"/> (the default) lets the key choose.</summary>
    Partition Partition { get; set; }
}

/// <summary>The send context of one record carrying <typeparamref name="T"/>.</summary>
public interface KafkaSendContext<out T> : SendContext<T>, KafkaSendContext
    where T : class;

/// <summary>The send context of one record with a typed key (for string keys: <c>KafkaSendContext&lt;string, T&gt;</c>).</summary>
public interface KafkaSendContext<TKey, out T> : KafkaSendContext<T>
    where T : class
{
    /// <summary>The record key; null writes a record without a key.</summary>
    TKey? Key { get; set; }
}

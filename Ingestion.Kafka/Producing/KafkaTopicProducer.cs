using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Kafka.Producing;

namespace Ingestion.Kafka;

/// <summary>
/// <see cref="ITopicProducer{T}"/> over the shared <see cref="KafkaProducerClient"/>: raw camelCase JSON values,
/// the key from the type's key resolver, and the rider's headers.
/// </summary>
public sealed class KafkaTopicProducer<T> : ITopicProducer<T>
    where T : class
{
    private static readonly byte[] MessageType = MessageHeaderWriter.MessageTypeUrn(typeof(T));

    private readonly KafkaProducerClient client;
    private readonly Func<T, string?>? keyResolver;
    private readonly Func<T, Guid?>? messageIdResolver;

    public KafkaTopicProducer(KafkaProducerClient client, string topic, Func<T, string?>? keyResolver = null, Func<T, Guid?>? messageIdResolver = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        this.client = client;
        this.keyResolver = keyResolver;
        this.messageIdResolver = messageIdResolver;
        Topic = topic;
    }

    /// <summary>The topic this producer writes to.</summary>
    public string Topic { get; }

    public Task Produce(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return client.Produce(Topic, ToRecord(message), cancellationToken);
    }

    public Task ProduceMany(IReadOnlyList<T> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var records = new Message<byte[]?, byte[]>[messages.Count];
        for (var i = 0; i < records.Length; i++)
            records[i] = ToRecord(messages[i]);
        return client.ProduceMany(Topic, records, cancellationToken);
    }

    /// <summary>The Kafka record this producer writes for <paramref name="message"/>.</summary>
    public Message<byte[]?, byte[]> ToRecord(T message)
    {
        var key = keyResolver?.Invoke(message);
        var messageId = messageIdResolver?.Invoke(message) ?? MassTransit.NewId.NextGuid();
        return new Message<byte[]?, byte[]>
        {
            Key = key is null ? null : Encoding.UTF8.GetBytes(key),
            Value = JsonSerializer.SerializeToUtf8Bytes(message, KafkaJson.Options),
            Headers = MessageHeaderWriter.Create(messageId, MessageType),
        };
    }
}

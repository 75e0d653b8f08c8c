using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.Producing;
using MassTransit;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// <see cref="ITopicProducer{T}"/> over the shared <see cref="KafkaProducerClient"/>. A record goes through MassTransit's send
/// pipeline (<see cref="KafkaSendContextRecords{T}"/>) when the producer has send filters, observers, a caller's pipe or a
/// serializer other than raw JSON; otherwise it is written directly (raw camelCase JSON, the key resolver's key, the rider's
/// headers), the same bytes without the cost of a send context.
/// </summary>
public sealed class KafkaTopicProducer<T> : ITopicProducer<T>
    where T : class
{
    private static readonly byte[] MessageType = MessageHeaderWriter.MessageTypeUrn(typeof(T));

    private readonly KafkaProducerClient client;
    private readonly Func<T, string?>? keyResolver;
    private readonly Func<T, Guid?>? messageIdResolver;
    private readonly KafkaSendContextRecords<T> contextRecords;
    private readonly TopicPartition anyPartition;

    /// <summary>A producer without a bus: only observers connected to it (<see cref="ConnectSendObserver"/>) and callers' pipes apply.</summary>
    public KafkaTopicProducer(KafkaProducerClient client, string topic, Func<T, string?>? keyResolver = null, Func<T, Guid?>? messageIdResolver = null)
        : this(client, topic, keyResolver, messageIdResolver, null)
    {
    }

    internal KafkaTopicProducer(KafkaProducerClient client, string topic, Func<T, string?>? keyResolver, Func<T, Guid?>? messageIdResolver,
        KafkaSendPipeline<T>? pipeline, Func<T, CancellationToken, KafkaMessageSendContext<T>>? createContext = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        this.client = client;
        this.keyResolver = keyResolver;
        this.messageIdResolver = messageIdResolver;
        Topic = topic;
        anyPartition = new TopicPartition(topic, Partition.Any);
        contextRecords = new KafkaSendContextRecords<T>(pipeline ?? KafkaSendPipeline<T>.Standalone(topic), keyResolver, messageIdResolver,
            MessageType, createContext);
    }

    /// <summary>The topic this producer writes to.</summary>
    public string Topic { get; }

    /// <summary>True while records need no send context (no filter, no observer, raw JSON): the cheap path.</summary>
    internal bool WritesDirectly => contextRecords.Pipeline.IsDirect && !contextRecords.NeedsContext;

    public Task Produce(T message, CancellationToken cancellationToken = default) =>
        Produce(message, Pipe.Empty<KafkaSendContext<T>>(), cancellationToken);

    public Task Produce(T message, IPipe<KafkaSendContext<T>> pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var direct = IsDirect(pipe);
        if (direct && !ProducerActivity.Enabled)
            return client.Produce(anyPartition, ToRecord(message), cancellationToken);
        return ProduceCore(message, pipe, direct, cancellationToken);
    }

    public Task ProduceMany(IReadOnlyList<T> messages, CancellationToken cancellationToken = default) =>
        ProduceMany(messages, Pipe.Empty<KafkaSendContext<T>>(), cancellationToken);

    public Task ProduceMany(IReadOnlyList<T> messages, IPipe<KafkaSendContext<T>> pipe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var direct = IsDirect(pipe);
        if (direct && !ProducerActivity.Enabled)
            return client.ProduceMany(Topic, ToRecords(messages), cancellationToken);
        return ProduceManyCore(messages, pipe, direct, cancellationToken);
    }

    public ConnectHandle ConnectSendObserver(ISendObserver observer) => contextRecords.Pipeline.ProducerObservers.Connect(observer);

    /// <summary>The Kafka record this producer writes directly for <paramref name="message"/> (no send filters or observers).</summary>
    public Message<byte[]?, byte[]> ToRecord(T message)
    {
        var key = keyResolver?.Invoke(message);
        var messageId = messageIdResolver?.Invoke(message) ?? NewId.NextGuid();
        return new Message<byte[]?, byte[]>
        {
            Key = key is null ? null : Encoding.UTF8.GetBytes(key),
            Value = KafkaRawJsonSerializer.Serialize(message),
            Headers = MessageHeaderWriter.Create(messageId, MessageType),
        };
    }

    // MassTransit's IsEmpty() does not recognise Pipe.Empty<T>(); IsNotEmpty() does.
    private bool IsDirect(IPipe<KafkaSendContext<T>>? pipe) => WritesDirectly && (pipe is null || !pipe.IsNotEmpty());

    private Message<byte[]?, byte[]>[] ToRecords(IReadOnlyList<T> messages)
    {
        var records = new Message<byte[]?, byte[]>[messages.Count];
        for (var i = 0; i < records.Length; i++)
            records[i] = ToRecord(messages[i]);
        return records;
    }

    private async Task ProduceCore(T message, IPipe<KafkaSendContext<T>> pipe, bool direct, CancellationToken cancellationToken)
    {
        using var activity = ProducerActivity.Start(Topic, 1);
        if (direct)
        {
            await client.Produce(anyPartition, ToRecord(message), cancellationToken).ConfigureAwait(false);
            return;
        }

        var context = await contextRecords.Prepare(message, pipe, cancellationToken).ConfigureAwait(false);
        try
        {
            var destination = context.Partition == Partition.Any ? anyPartition : new TopicPartition(Topic, context.Partition);
            await client.Produce(destination, contextRecords.ToRecord(context), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await contextRecords.Pipeline.SendFault(context, exception).ConfigureAwait(false);
            throw;
        }
        await contextRecords.Pipeline.PostSend(context).ConfigureAwait(false);
    }

    private async Task ProduceManyCore(IReadOnlyList<T> messages, IPipe<KafkaSendContext<T>> pipe, bool direct, CancellationToken cancellationToken)
    {
        using var activity = ProducerActivity.Start(Topic, messages.Count);
        if (direct)
        {
            await client.ProduceMany(Topic, ToRecords(messages), cancellationToken).ConfigureAwait(false);
            return;
        }

        await KafkaSendBatch.Produce(client, Topic, contextRecords, messages, pipe, cancellationToken).ConfigureAwait(false);
    }
}

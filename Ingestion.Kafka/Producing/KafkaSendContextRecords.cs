using System.Text;
using Confluent.Kafka;
using MassTransit;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// Builds records the MassTransit way: a <see cref="KafkaSendContext{TKey, T}"/> per message, run through the producer's send
/// filters and the caller's pipe, keyed (the key resolver's key where neither set one), observed (pre-send), then serialised
/// with the context's serializer. Used whenever a producer has filters, observers, a caller's pipe, a serializer other than
/// raw JSON, or a typed key resolver.
/// </summary>
internal sealed class KafkaSendContextRecords<T>(
    KafkaSendPipeline<T> pipeline, Func<T, string?>? keyResolver, Func<T, Guid?>? messageIdResolver, byte[] messageType,
    Func<T, CancellationToken, KafkaMessageSendContext<T>>? createContext = null)
    where T : class
{
    private static long contextsCreated;

    public KafkaSendPipeline<T> Pipeline => pipeline;

    /// <summary>True when contexts come from <c>AddProducer&lt;TKey, T&gt;</c> (a typed key resolver), so every record needs one.</summary>
    public bool NeedsContext => createContext is not null;

    /// <summary>Send contexts created so far in this process for <typeparamref name="T"/> (tests guard the direct path with it).</summary>
    public static long ContextsCreated => Interlocked.Read(ref contextsCreated);

    /// <summary>Creates the context, runs filters, the caller's pipe, the key resolver and the pre-send observers.</summary>
    public async Task<KafkaMessageSendContext<T>> Prepare(T message, IPipe<KafkaSendContext<T>>? pipe, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref contextsCreated);
        var context = createContext?.Invoke(message, cancellationToken)
            ?? new KafkaMessageSendContext<string, T>(message, null, cancellationToken) { Key = keyResolver?.Invoke(message) };
        context.DestinationAddress = pipeline.DestinationAddress;
        context.Serializer = pipeline.Serializer;
        if (messageIdResolver?.Invoke(message) is { } id)
            context.MessageId = id;
        try
        {
            await pipeline.ApplyFilters(context).ConfigureAwait(false);
            if (pipe is not null && pipe.IsNotEmpty())
                await pipe.Send(context).ConfigureAwait(false);
            context.ResolveKey();
            context.SourceAddress ??= pipeline.HostAddress;
            context.ConversationId ??= NewId.NextGuid();
            context.ContentType = context.Serializer.ContentType;
            await pipeline.PreSend(context).ConfigureAwait(false);
            return context;
        }
        catch (Exception exception)
        {
            await pipeline.SendFault(context, exception).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The record for a prepared context: key, value by the context's serializer, the rider's headers, then the context's.</summary>
    public Message<byte[]?, byte[]> ToRecord(KafkaMessageSendContext<T> context)
    {
        var serializer = context.Serializer;
        var contentType = ReferenceEquals(serializer, KafkaRawJsonSerializer.Instance)
            ? MessageHeaderWriter.RawJson
            : Encoding.ASCII.GetBytes(serializer.ContentType.MediaType);
        var headers = MessageHeaderWriter.Create(context.MessageId ?? NewId.NextGuid(), messageType, contentType);
        MessageHeaderWriter.AddSendHeaders(headers, context.Headers);
        var record = new Message<byte[]?, byte[]>
        {
            Key = context.SerializeKey(pipeline.Topic),
            Value = serializer.GetMessageBody(context).GetBytes(),
            Headers = headers,
        };
        if (context.SentTime is { } sent)
            record.Timestamp = new Timestamp(sent.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(sent, DateTimeKind.Utc) : sent);
        return record;
    }
}

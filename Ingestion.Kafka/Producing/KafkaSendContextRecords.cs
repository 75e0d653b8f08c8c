using System.Text;
using Confluent.Kafka;
using MassTransit;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// Builds records the MassTransit way: a <see cref="KafkaSendContext{TKey, T}"/> per message, run through the producer's send
/// filters and the caller's pipe, observed (pre-send), then serialised with the context's serializer. Used whenever a
/// producer has filters, observers, a caller's pipe or a serializer other than raw JSON.
/// </summary>
internal sealed class KafkaSendContextRecords<T>(
    KafkaSendPipeline<T> pipeline, Func<T, string?>? keyResolver, Func<T, Guid?>? messageIdResolver, byte[] messageType,
    Func<KafkaSendContext<T>, byte[]?>? contextKeyResolver = null)
    where T : class
{
    private static long contextsCreated;

    public KafkaSendPipeline<T> Pipeline => pipeline;

    /// <summary>True when the key comes from the send context (a typed key resolver), so every record needs one.</summary>
    public bool NeedsContext => contextKeyResolver is not null;

    /// <summary>Send contexts created so far in this process for <typeparamref name="T"/> (tests guard the direct path with it).</summary>
    public static long ContextsCreated => Interlocked.Read(ref contextsCreated);

    /// <summary>Creates the context, runs filters, the caller's pipe and the pre-send observers.</summary>
    public async Task<KafkaMessageSendContext<string, T>> Prepare(T message, IPipe<KafkaSendContext<T>>? pipe, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref contextsCreated);
        var context = new KafkaMessageSendContext<string, T>(message, cancellationToken)
        {
            Key = keyResolver?.Invoke(message),
            DestinationAddress = pipeline.DestinationAddress,
            Serializer = pipeline.Serializer,
        };
        if (messageIdResolver?.Invoke(message) is { } id)
            context.MessageId = id;
        try
        {
            if (contextKeyResolver is not null)
                context.KeyBytes = contextKeyResolver(context);
            await pipeline.ApplyFilters(context).ConfigureAwait(false);
            if (pipe is not null && pipe.IsNotEmpty())
                await pipe.Send(context).ConfigureAwait(false);
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
    public Message<byte[]?, byte[]> ToRecord(KafkaMessageSendContext<string, T> context)
    {
        var serializer = context.Serializer;
        var contentType = ReferenceEquals(serializer, KafkaRawJsonSerializer.Instance)
            ? MessageHeaderWriter.RawJson
            : Encoding.ASCII.GetBytes(serializer.ContentType.MediaType);
        var headers = MessageHeaderWriter.Create(context.MessageId ?? NewId.NextGuid(), messageType, contentType);
        MessageHeaderWriter.AddSendHeaders(headers, context.Headers);
        var record = new Message<byte[]?, byte[]>
        {
            Key = context.KeyBytes ?? (context.Key is null ? null : Encoding.UTF8.GetBytes(context.Key)),
            Value = serializer.GetMessageBody(context).GetBytes(),
            Headers = headers,
        };
        if (context.SentTime is { } sent)
            record.Timestamp = new Timestamp(sent.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(sent, DateTimeKind.Utc) : sent);
        return record;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Ingestion.Kafka.Producing;

/// <summary>Writes the rider's headers: message id, content type, message type (MassTransit URN) and W3C trace context.</summary>
internal static class MessageHeaderWriter
{
    public static readonly byte[] RawJson = Encoding.ASCII.GetBytes(KafkaHeaderNames.RawJsonContentType);

    public static Headers Create(Guid messageId, byte[] messageType) => Create(messageId, messageType, RawJson);

    public static Headers Create(Guid messageId, byte[] messageType, byte[] contentType)
    {
        var headers = new Headers
        {
            { KafkaHeaderNames.MessageId, MessageIdBytes(messageId) },
            { KafkaHeaderNames.ContentType, contentType },
            { KafkaHeaderNames.MessageType, messageType },
        };
        var activity = Activity.Current;
        if (activity is not null && activity.IdFormat == ActivityIdFormat.W3C && activity.Id is { } id)
        {
            headers.Add(KafkaHeaderNames.TraceParent, Encoding.ASCII.GetBytes(id));
            if (activity.TraceStateString is { Length: > 0 } state)
                headers.Add(KafkaHeaderNames.TraceState, Encoding.UTF8.GetBytes(state));
        }
        return headers;
    }

    /// <summary>The id as 36 ASCII characters (<c>D</c> format), written straight into the header's bytes.</summary>
    private static byte[] MessageIdBytes(Guid messageId)
    {
        var bytes = new byte[36];
        messageId.TryFormat(bytes, out _, "D");
        return bytes;
    }

    /// <summary>Adds the send context's headers (set by filters, observers or the caller's pipe) after the rider's own.</summary>
    public static void AddSendHeaders(Headers headers, MassTransit.Headers sendHeaders)
    {
        foreach (var (name, value) in sendHeaders.GetAll())
        {
            var text = value switch
            {
                null => null,
                string s => s,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (text is not null)
                headers.Add(name, Encoding.UTF8.GetBytes(text));
        }
    }

    /// <summary>MassTransit's message type URN, <c>urn:message:Namespace:TypeName</c>.</summary>
    public static byte[] MessageTypeUrn(Type type) =>
        Encoding.UTF8.GetBytes(MassTransit.MessageUrn.ForTypeString(type));
}

using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Kafka.Batching.Reading;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Producing;

namespace Ingestion.Kafka.Batching;

/// <summary>
/// Reads a record's value as <typeparamref name="TMessage"/> with MassTransit's JSON settings: raw JSON (no content type, or
/// <c>application/json</c>) as it is, the MassTransit envelope by its <c>message</c> property. Anything else is refused.
/// The content type is compared as the header's bytes (no string per record); strings come from <see cref="RecordJsonOptions"/>.
/// </summary>
internal static class RecordMessageReader<TMessage>
    where TMessage : class
{
    public static TMessage Read(ConsumeResult<byte[]?, byte[]> record)
    {
        var value = record.Message.Value ?? [];
        var contentType = KafkaHeaderTranslator.LastValueBytes(record.Message.Headers, KafkaHeaderNames.ContentType);
        TMessage? message;
        if (contentType is null || StartsWith(contentType, RawJson))
        {
            message = JsonSerializer.Deserialize<TMessage>(value, RecordJsonOptions.Instance);
        }
        else if (StartsWith(contentType, Envelope))
        {
            using var envelope = JsonDocument.Parse(value);
            message = envelope.RootElement.ValueKind == JsonValueKind.Object && TryGetMessage(envelope.RootElement, out var body)
                ? body.Deserialize<TMessage>(RecordJsonOptions.Instance)
                : throw new SerializationException("The envelope has no message property.");
        }
        else
        {
            throw new SerializationException($"Unsupported content type '{Encoding.UTF8.GetString(contentType)}'.");
        }
        return message ?? throw new SerializationException($"The record value is JSON null, not a {typeof(TMessage).Name}.");
    }

    private static readonly byte[] RawJson = Encoding.ASCII.GetBytes(KafkaHeaderNames.RawJsonContentType);

    private static readonly byte[] Envelope = Encoding.ASCII.GetBytes(KafkaHeaderNames.EnvelopeContentType);

    /// <summary>Whether the header's UTF-8 text starts with the ASCII <paramref name="prefix"/> in any case.</summary>
    private static bool StartsWith(byte[] text, byte[] prefix) =>
        text.Length >= prefix.Length && System.Text.Ascii.EqualsIgnoreCase(text.AsSpan(0, prefix.Length), prefix);

    private static bool TryGetMessage(JsonElement envelope, out JsonElement message)
    {
        foreach (var property in envelope.EnumerateObject())
        {
            if (!string.Equals(property.Name, "message", StringComparison.OrdinalIgnoreCase)) continue;
            message = property.Value;
            return true;
        }
        message = default;
        return false;
    }
}

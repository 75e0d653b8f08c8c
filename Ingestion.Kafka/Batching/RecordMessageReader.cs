using System.Runtime.Serialization;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Producing;
using MassTransit.Serialization;

namespace Ingestion.Kafka.Batching;

/// <summary>
/// Reads a record's value as <typeparamref name="TMessage"/> with MassTransit's JSON settings: raw JSON (no content type, or
/// <c>application/json</c>) as it is, the MassTransit envelope by its <c>message</c> property. Anything else is refused.
/// </summary>
internal static class RecordMessageReader<TMessage>
    where TMessage : class
{
    public static TMessage Read(ConsumeResult<byte[]?, byte[]> record)
    {
        var value = record.Message.Value ?? [];
        var contentType = KafkaHeaderTranslator.LastValue(record.Message.Headers, KafkaHeaderNames.ContentType);
        TMessage? message;
        if (contentType is null || contentType.StartsWith(KafkaHeaderNames.RawJsonContentType, StringComparison.OrdinalIgnoreCase))
        {
            message = JsonSerializer.Deserialize<TMessage>(value, SystemTextJsonMessageSerializer.Options);
        }
        else if (contentType.StartsWith(KafkaHeaderNames.EnvelopeContentType, StringComparison.OrdinalIgnoreCase))
        {
            using var envelope = JsonDocument.Parse(value);
            message = envelope.RootElement.ValueKind == JsonValueKind.Object && TryGetMessage(envelope.RootElement, out var body)
                ? body.Deserialize<TMessage>(SystemTextJsonMessageSerializer.Options)
                : throw new SerializationException("The envelope has no message property.");
        }
        else
        {
            throw new SerializationException($"Unsupported content type '{contentType}'.");
        }
        return message ?? throw new SerializationException($"The record value is JSON null, not a {typeof(TMessage).Name}.");
    }

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

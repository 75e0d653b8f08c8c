using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>Builds the dead-letter record (value and headers) for a Kafka record that could not be processed.</summary>
internal static class DeadLetterRecordFactory
{
    private const int MaxErrorLength = 4_000;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Message<byte[]?, byte[]> Create(KafkaRecordContext source, string reason, string error, string? errorType, int attempts)
    {
        var headers = source.Headers;
        var record = new DeadLetterRecord
        {
            OriginalMessage = OriginalMessage(source.Value),
            OriginalMessageBase64 = Convert.ToBase64String(source.Value),
            Error = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error,
            ErrorType = errorType,
            Reason = reason,
            DlqTimestamp = DateTimeOffset.UtcNow,
            Partition = source.Partition,
            Offset = source.Offset,
            Attempts = attempts,
            OriginalTopic = source.Topic,
            OriginalKey = source.KeyBytes is null ? null : TryDecode(source.KeyBytes) ?? Convert.ToBase64String(source.KeyBytes),
            ConsumerGroup = source.GroupId,
            MessageId = Header(headers, KafkaHeaderNames.MessageId),
            ReplayCount = int.TryParse(Header(headers, DeadLetterHeaders.ReplayCount), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0,
        };

        var dlqHeaders = new Headers
        {
            { KafkaHeaderNames.ContentType, Encoding.ASCII.GetBytes(KafkaHeaderNames.RawJsonContentType) },
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason) },
            { DeadLetterHeaders.OriginalTopic, Encoding.UTF8.GetBytes(source.Topic) },
            { DeadLetterHeaders.OriginalPartition, Encoding.ASCII.GetBytes(source.Partition.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.OriginalOffset, Encoding.ASCII.GetBytes(source.Offset.ToString(CultureInfo.InvariantCulture)) },
        };
        if (errorType is not null) dlqHeaders.Add(DeadLetterHeaders.ErrorType, Encoding.UTF8.GetBytes(errorType));
        if (record.MessageId is not null) dlqHeaders.Add(DeadLetterHeaders.MessageId, Encoding.UTF8.GetBytes(record.MessageId));

        return new Message<byte[]?, byte[]>
        {
            Key = source.KeyBytes,
            Value = JsonSerializer.SerializeToUtf8Bytes(record),
            Headers = dlqHeaders,
        };
    }

    private static JsonElement? OriginalMessage(byte[] value)
    {
        var text = TryDecode(value);
        if (text is null) return null;
        try
        {
            using var document = JsonDocument.Parse(value);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    private static string? TryDecode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? TryDecode(bytes) : null;
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Kafka.Producing;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// Builds the dead-letter record (value and headers) for a Kafka record that could not be processed, always within the
/// dead-letter topic's maximum message size (see <see cref="DeadLetterSizeLimit"/>).
/// </summary>
internal static class DeadLetterRecordFactory
{
    /// <summary>Room left for the Kafka record and batch framing (librdkafka counts about 100 bytes of it against the limit).</summary>
    internal const int FramingAllowance = 512;

    private const int MaxErrorLength = 4_000;
    private const int MinimalErrorLength = 500;
    private const int MinimalKeyLength = 256;
    private const int MaxPrefixTries = 8;

    public static Message<byte[]?, byte[]> Create(KafkaRecordContext source, string reason, string error, string? errorType, int attempts,
        int maxMessageBytes)
    {
        var original = new DeadLetterOriginal(source.Value);
        var headers = Headers(source, reason, errorType);
        // A key larger than a quarter of the limit is not kept whole: the record must fit, and the value needs the room.
        var keepKey = source.KeyBytes is null || source.KeyBytes.Length <= maxMessageBytes / 4;
        var key = keepKey ? source.KeyBytes : null;
        var record = Describe(source, original, reason, Cut(error, MaxErrorLength), errorType, attempts, keepKey ? int.MaxValue : MinimalKeyLength);
        var budget = maxMessageBytes - FramingAllowance - (key?.Length ?? 0) - HeadersSize(headers);

        var value = Serialize(original.Whole(record));
        if (value.Length > budget)
        {
            var fixedSize = Serialize(record with { OriginalTruncated = true }).Length + 32;
            for (var shrink = 0; shrink < MaxPrefixTries; shrink++)
            {
                value = Serialize(original.Prefix(record, budget - fixedSize, shrink));
                if (value.Length <= budget) break;
            }
            if (value.Length > budget)
                return CreateMinimal(source, reason, error, errorType, attempts);
        }
        return new Message<byte[]?, byte[]> { Key = key, Value = value, Headers = headers };
    }

    /// <summary>
    /// The smallest useful record: coordinates, reason, a short error, the original's size and hash, no original and no Kafka
    /// key. Sent when the broker refused the full record as too large (a topic limit lower than it said, for example).
    /// </summary>
    public static Message<byte[]?, byte[]> CreateMinimal(KafkaRecordContext source, string reason, string error, string? errorType, int attempts)
    {
        var original = new DeadLetterOriginal(source.Value);
        var record = Describe(source, original, reason, Cut(error, MinimalErrorLength), errorType, attempts, MinimalKeyLength) with
        {
            OriginalTruncated = true,
            OriginalKeyTruncated = source.KeyBytes is not null,
            OriginalKey = source.KeyBytes is null ? null : Cut(KeyText(source.KeyBytes), MinimalKeyLength),
        };
        return new Message<byte[]?, byte[]> { Key = null, Value = Serialize(record), Headers = Headers(source, reason, errorType) };
    }

    private static DeadLetterRecord Describe(KafkaRecordContext source, DeadLetterOriginal original, string reason, string error,
        string? errorType, int attempts, int keyLength)
    {
        var headers = source.Headers;
        var key = source.KeyBytes is null ? null : KeyText(source.KeyBytes);
        return new DeadLetterRecord
        {
            OriginalSize = original.Size,
            OriginalSha256 = original.Sha256,
            Error = error,
            ErrorType = errorType is null ? null : Cut(errorType, MinimalErrorLength),
            Reason = reason,
            DlqTimestamp = DateTimeOffset.UtcNow,
            Partition = source.Partition,
            Offset = source.Offset,
            Attempts = attempts,
            OriginalTopic = source.Topic,
            OriginalKey = key is null ? null : Cut(key, keyLength),
            OriginalKeyTruncated = key is not null && key.Length > keyLength,
            ConsumerGroup = source.GroupId,
            MessageId = Header(headers, KafkaHeaderNames.MessageId) is { } id ? Cut(id, MinimalKeyLength) : null,
            ReplayCount = int.TryParse(Header(headers, DeadLetterHeaders.ReplayCount), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : 0,
        };
    }

    private static Headers Headers(KafkaRecordContext source, string reason, string? errorType)
    {
        var headers = new Headers
        {
            { KafkaHeaderNames.ContentType, Encoding.ASCII.GetBytes(KafkaHeaderNames.RawJsonContentType) },
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason) },
            { DeadLetterHeaders.OriginalTopic, Encoding.UTF8.GetBytes(source.Topic) },
            { DeadLetterHeaders.OriginalPartition, Encoding.ASCII.GetBytes(source.Partition.ToString(CultureInfo.InvariantCulture)) },
            { DeadLetterHeaders.OriginalOffset, Encoding.ASCII.GetBytes(source.Offset.ToString(CultureInfo.InvariantCulture)) },
        };
        if (errorType is not null) headers.Add(DeadLetterHeaders.ErrorType, Encoding.UTF8.GetBytes(Cut(errorType, MinimalErrorLength)));
        if (Header(source.Headers, KafkaHeaderNames.MessageId) is { } id) headers.Add(DeadLetterHeaders.MessageId, Encoding.UTF8.GetBytes(Cut(id, MinimalKeyLength)));
        return headers;
    }

    private static int HeadersSize(Headers headers) => headers.Sum(header => header.Key.Length + header.GetValueBytes().Length + 16);

    private static byte[] Serialize(DeadLetterRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, DeadLetterJson.Options);

    private static string KeyText(byte[] key) => DeadLetterOriginal.TryDecode(key) ?? Convert.ToBase64String(key);

    private static string Cut(string text, int length)
    {
        if (text.Length <= length) return text;
        var end = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..end];
    }

    private static string? Header(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? DeadLetterOriginal.TryDecode(bytes) : null;
}

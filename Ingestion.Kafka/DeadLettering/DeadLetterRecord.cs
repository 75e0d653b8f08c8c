using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// The value of a record on the dead-letter topic (snake_case JSON, the original design's shape, extended).
/// The original is kept once: <c>original_message</c> holds the parsed JSON when the bytes were JSON, otherwise the text;
/// bytes that are not UTF-8 are kept losslessly in <c>original_message_base64</c> instead. The whole record always fits the
/// dead-letter topic's maximum message size: when the original does not, a prefix of it is kept (as text, or base64 for
/// bytes that are not UTF-8) and <c>original_truncated</c> says so; <c>original_size</c> and <c>original_sha256</c> always
/// describe the complete original, which stays on the original topic at <c>partition</c>/<c>offset</c> until retention.
/// </summary>
public sealed record DeadLetterRecord
{
    [JsonPropertyName("original_message")] public JsonElement? OriginalMessage { get; init; }
    [JsonPropertyName("original_message_base64")] public string? OriginalMessageBase64 { get; init; }
    /// <summary>True when <see cref="OriginalMessage"/> or <see cref="OriginalMessageBase64"/> holds only a prefix of the original (or nothing).</summary>
    [JsonPropertyName("original_truncated")] public bool OriginalTruncated { get; init; }
    /// <summary>The original value's size in bytes.</summary>
    [JsonPropertyName("original_size")] public long OriginalSize { get; init; }
    /// <summary>The SHA-256 of the original value, lower-case hex.</summary>
    [JsonPropertyName("original_sha256")] public string? OriginalSha256 { get; init; }
    [JsonPropertyName("error")] public string Error { get; init; } = string.Empty;
    [JsonPropertyName("error_type")] public string? ErrorType { get; init; }
    /// <summary><see cref="DeadLetterReasons"/>: deserialization, validation or exhausted.</summary>
    [JsonPropertyName("reason")] public string Reason { get; init; } = DeadLetterReasons.Exhausted;
    [JsonPropertyName("dlq_timestamp")] public DateTimeOffset DlqTimestamp { get; init; }
    [JsonPropertyName("partition")] public int Partition { get; init; }
    [JsonPropertyName("offset")] public long Offset { get; init; }
    [JsonPropertyName("attempts")] public int Attempts { get; init; }
    [JsonPropertyName("original_topic")] public string OriginalTopic { get; init; } = string.Empty;
    [JsonPropertyName("original_key")] public string? OriginalKey { get; init; }
    /// <summary>True when the original key was too large to keep: <see cref="OriginalKey"/> is a prefix and the record has no Kafka key.</summary>
    [JsonPropertyName("original_key_truncated")] public bool OriginalKeyTruncated { get; init; }
    [JsonPropertyName("consumer_group")] public string? ConsumerGroup { get; init; }
    [JsonPropertyName("message_id")] public string? MessageId { get; init; }
    /// <summary>How many times this message was already replayed from the DLQ (0 for a first failure).</summary>
    [JsonPropertyName("replay_count")] public int ReplayCount { get; init; }
}

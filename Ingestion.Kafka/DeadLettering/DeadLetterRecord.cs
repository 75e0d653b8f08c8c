using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// The value of a record on the dead-letter topic (snake_case JSON, the original design's shape, extended).
/// <c>original_message</c> is the parsed JSON when the bytes were JSON, otherwise the text; bytes that are not UTF-8
/// are kept losslessly in <c>original_message_base64</c> (which is always set, so replay republishes the exact bytes).
/// </summary>
public sealed record DeadLetterRecord
{
    [JsonPropertyName("original_message")] public JsonElement? OriginalMessage { get; init; }
    [JsonPropertyName("original_message_base64")] public string? OriginalMessageBase64 { get; init; }
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
    [JsonPropertyName("consumer_group")] public string? ConsumerGroup { get; init; }
    [JsonPropertyName("message_id")] public string? MessageId { get; init; }
    /// <summary>How many times this message was already replayed from the DLQ (0 for a first failure).</summary>
    [JsonPropertyName("replay_count")] public int ReplayCount { get; init; }
}

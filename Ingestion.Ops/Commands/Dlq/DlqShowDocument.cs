using System.Text;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Ops.DeadLetters;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary><c>dlq show --json</c>: the Kafka envelope plus the DLQ record exactly as stored.</summary>
internal sealed record DlqShowDocument(
    string DlqTopic,
    int DlqPartition,
    long DlqOffset,
    DateTimeOffset KafkaTimestamp,
    string? Key,
    IReadOnlyDictionary<string, string> Headers,
    DeadLetterRecord? Record,
    string? ReadError)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DlqShowDocument From(string topic, DeadLetterEntry entry) => new(topic, entry.Partition, entry.Offset, entry.KafkaTimestamp,
        entry.Key is null ? null : Text(entry.Key),
        entry.Headers.GroupBy(header => header.Key).ToDictionary(group => group.Key, group => Text(group.Last().Value)),
        entry.Record, entry.ReadError);

    /// <summary>UTF-8 text, or <c>base64:...</c> for bytes that are not.</summary>
    public static string Text(byte[]? bytes) => bytes is null ? "" : TryUtf8(bytes) ?? $"base64:{Convert.ToBase64String(bytes)}";

    public static string? TryUtf8(byte[] bytes)
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
}

using System.Text;
using System.Text.Json;
using Ingestion.Kafka.DeadLettering;

namespace Ingestion.Ops.DeadLetters;

/// <summary>One record read from the dead-letter topic: its position, Kafka envelope and the parsed DLQ record.</summary>
internal sealed record DeadLetterEntry(
    int Partition,
    long Offset,
    DateTimeOffset KafkaTimestamp,
    byte[]? Key,
    IReadOnlyList<KeyValuePair<string, byte[]>> Headers,
    byte[] Value,
    DeadLetterRecord? Record,
    string? ReadError)
{
    public string Position => $"{Partition}:{Offset}";

    /// <summary>When it was dead-lettered: the record's own timestamp, else the Kafka timestamp.</summary>
    public DateTimeOffset DeadLetteredAt => Record?.DlqTimestamp is { } at && at != default ? at : KafkaTimestamp;

    /// <summary>The metric's name from the original message when it was a JSON object with a string <c>name</c>.</summary>
    public string? MetricName =>
        Record?.OriginalMessage is { ValueKind: JsonValueKind.Object } message
        && message.EnumerateObject().FirstOrDefault(property => property.NameEquals("name") || property.Name.Equals("name", StringComparison.OrdinalIgnoreCase))
            is { Value.ValueKind: JsonValueKind.String } name
            ? name.Value.GetString()
            : null;

    public string? OriginalPosition => Record is null ? null : $"{Record.Partition}:{Record.Offset}";

    /// <summary>The exact bytes that failed: base64 when present (lossless), else the text or JSON as stored.</summary>
    public byte[]? OriginalBytes()
    {
        if (Record is null) return null;
        if (!string.IsNullOrEmpty(Record.OriginalMessageBase64))
            return Convert.FromBase64String(Record.OriginalMessageBase64);
        return Record.OriginalMessage switch
        {
            { ValueKind: JsonValueKind.String } text => Encoding.UTF8.GetBytes(text.GetString()!),
            { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } json => Encoding.UTF8.GetBytes(json.GetRawText()),
            _ => null,
        };
    }

    /// <summary>
    /// The key to republish with: the DLQ record's own Kafka key (the rider copies the original key's exact bytes there),
    /// else the text of <c>original_key</c>.
    /// </summary>
    public byte[]? OriginalKey() => Key ?? (Record?.OriginalKey is { } key ? Encoding.UTF8.GetBytes(key) : null);

    public string? Header(string name) =>
        Headers.LastOrDefault(header => header.Key == name) is { Value: { } value } ? Encoding.UTF8.GetString(value) : null;
}

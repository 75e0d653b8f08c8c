using System.Text.Json;

namespace Ingestion.Kafka.DeadLettering.Reading;

/// <summary>Turns a dead-letter topic value into a <see cref="DeadLetterRecord"/>, or says why it is not one.</summary>
public static class DeadLetterRecordParser
{
    /// <summary>The parsed record, or null with <paramref name="error"/> naming what is wrong with the bytes.</summary>
    public static DeadLetterRecord? Parse(ReadOnlySpan<byte> value, out string? error)
    {
        try
        {
            var record = JsonSerializer.Deserialize<DeadLetterRecord>(value);
            error = record is null ? "the value is JSON null, not a DLQ record" : null;
            return record;
        }
        catch (JsonException exception)
        {
            error = $"the value is not a DLQ record: {exception.Message}";
            return null;
        }
    }
}

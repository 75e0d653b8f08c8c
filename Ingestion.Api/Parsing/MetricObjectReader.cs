using System.Text.Json;

namespace Ingestion.Api.Parsing;

/// <summary>Reads one metric object field by field, recording every shape error under its field name.</summary>
internal static class MetricObjectReader
{
    private const int NameBit = 1, ValueBit = 2, LabelsBit = 4, TimestampBit = 8, IdBit = 16;

    public static MetricInput Read(ref Utf8JsonReader reader, int index, FieldErrors errors)
    {
        var metric = new MetricInput();
        var seen = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                if (Repeated(ref reader, ref seen, NameBit, errors, Field(index, "name")))
                    continue;
                if (reader.TokenType != JsonTokenType.String)
                    Reject(ref reader, errors, Field(index, "name"), "name must be a string.");
                else if (SharedStrings.TryGetString(ref reader, out var name))
                    metric.Name = name;
                else
                    errors.Add(Field(index, "name"), "name " + SharedStrings.InvalidEscape);
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                if (Repeated(ref reader, ref seen, ValueBit, errors, Field(index, "value")))
                    continue;
                if (reader.TokenType == JsonTokenType.Number)
                {
                    if (reader.TryGetDouble(out var value) && double.IsFinite(value))
                        metric.Value = value;
                    else
                        errors.Add(Field(index, "value"), "value must be a finite number.");
                }
                else
                {
                    Reject(ref reader, errors, Field(index, "value"), $"value must be a JSON number (got {Describe(reader.TokenType)}).");
                }
            }
            else if (reader.ValueTextEquals("labels"u8))
            {
                if (!Repeated(ref reader, ref seen, LabelsBit, errors, Field(index, "labels")))
                    metric.Labels = ReadLabels(ref reader, index, errors);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                if (!Repeated(ref reader, ref seen, TimestampBit, errors, Field(index, "timestamp")))
                    metric.Timestamp = ReadTimestamp(ref reader, index, errors);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                if (Repeated(ref reader, ref seen, IdBit, errors, Field(index, "id")))
                    continue;
                if (reader.TokenType == JsonTokenType.String && SharedStrings.TryGetString(ref reader, out var id) && IdempotencyKeys.IsValid(id))
                    metric.Id = id;
                else if (reader.TokenType != JsonTokenType.Null)
                    Reject(ref reader, errors, Field(index, "id"), IdempotencyKeys.Rule);
            }
            else
            {
                var field = SharedStrings.TryGetString(ref reader, out var unknown) ? unknown : "$";
                reader.Read();
                Reject(ref reader, errors, Field(index, field), "unknown field; a metric has only name, value, labels, timestamp and id.");
            }
        }
        if ((seen & NameBit) == 0)
            errors.Add(Field(index, "name"), "name is required.");
        if ((seen & ValueBit) == 0)
            errors.Add(Field(index, "value"), "value is required.");
        return metric;
    }

    /// <summary>
    /// Moves to the field's value; when the field was already given, records the error and skips the value (a repeated
    /// field would otherwise silently replace the first, as duplicate label keys would).
    /// </summary>
    private static bool Repeated(ref Utf8JsonReader reader, ref int seen, int bit, FieldErrors errors, string field)
    {
        reader.Read();
        if ((seen & bit) == 0)
        {
            seen |= bit;
            return false;
        }
        Reject(ref reader, errors, field, "the field appears twice; give each field once.");
        return true;
    }

    private static Dictionary<string, string>? ReadLabels(ref Utf8JsonReader reader, int index, FieldErrors errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Reject(ref reader, errors, Field(index, "labels"), "labels must be an object of string values, for example {\"host\": \"server-01\"}.");
            return null;
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (!SharedStrings.TryGetString(ref reader, out var key))
            {
                reader.Read();
                Reject(ref reader, errors, Field(index, "labels"), "a label key " + SharedStrings.InvalidEscape);
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                Reject(ref reader, errors, Field(index, "labels." + key), $"label value must be a string (got {Describe(reader.TokenType)}); labels are a flat map.");
            else if (!SharedStrings.TryGetString(ref reader, out var value))
                errors.Add(Field(index, "labels." + key), "label value " + SharedStrings.InvalidEscape);
            else if (!labels.TryAdd(key, value))
                errors.Add(Field(index, "labels." + key), "label key appears twice.");
        }
        return labels;
    }

    private static DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader, int index, FieldErrors errors)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var timestamp) && IsoTime.HasOffset(reader.GetString()!))
            return timestamp;
        Reject(ref reader, errors, Field(index, "timestamp"), "timestamp must be an ISO-8601 string with a UTC offset, for example 2025-01-27T10:30:00Z.");
        return null;
    }

    /// <summary>The error key of a field: <c>value</c> in a single body, <c>[3].value</c> in a batch (built only on error).</summary>
    public static string Field(int index, string field) => index < 0 ? field : $"[{index}].{field}";

    private static void Reject(ref Utf8JsonReader reader, FieldErrors errors, string field, string message)
    {
        errors.Add(field, message);
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            reader.Skip();
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        _ => token.ToString(),
    };
}

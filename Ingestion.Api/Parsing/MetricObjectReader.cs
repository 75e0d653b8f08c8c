using System.Text.Json;

namespace Ingestion.Api.Parsing;

/// <summary>Reads one metric object field by field, recording every shape error under its field name.</summary>
internal static class MetricObjectReader
{
    public static MetricInput Read(ref Utf8JsonReader reader, int index, FieldErrors errors)
    {
        var metric = new MetricInput();
        bool sawName = false, sawValue = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                sawName = true;
                if (reader.TokenType == JsonTokenType.String)
                    metric.Name = Utf8StringCache.GetString(ref reader);
                else
                    Reject(ref reader, errors, Field(index, "name"), "name must be a string.");
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                sawValue = true;
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
                reader.Read();
                metric.Labels = ReadLabels(ref reader, index, errors);
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                metric.Timestamp = ReadTimestamp(ref reader, index, errors);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && IdempotencyKeys.IsValid(reader.GetString()))
                    metric.Id = reader.GetString();
                else if (reader.TokenType != JsonTokenType.Null)
                    Reject(ref reader, errors, Field(index, "id"), IdempotencyKeys.Rule);
            }
            else
            {
                var field = reader.GetString()!;
                reader.Read();
                Reject(ref reader, errors, Field(index, field), "unknown field; a metric has only name, value, labels, timestamp and id.");
            }
        }
        if (!sawName)
            errors.Add(Field(index, "name"), "name is required.");
        if (!sawValue)
            errors.Add(Field(index, "value"), "value is required.");
        return metric;
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
            var key = Utf8StringCache.GetString(ref reader);
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                Reject(ref reader, errors, Field(index, "labels." + key), $"label value must be a string (got {Describe(reader.TokenType)}); labels are a flat map.");
            else if (!labels.TryAdd(key, Utf8StringCache.GetString(ref reader)))
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

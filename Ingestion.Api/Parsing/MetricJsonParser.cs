using System.Text.Json;

namespace Ingestion.Api.Parsing;

/// <summary>
/// Reads metric bodies with <see cref="Utf8JsonReader"/>: one pass, no reflection, and every shape error named by field
/// (a serializer would stop at the first one). Unknown fields are rejected so that a typo such as <c>lables</c> fails loudly.
/// </summary>
internal static class MetricJsonParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <summary>Reads a body holding one metric object; null when the body is not usable at all.</summary>
    public static MetricInput? ParseSingle(ReadOnlySpan<byte> body, FieldErrors errors)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add("$", "the body must be a JSON object: {\"name\": ..., \"value\": ...}.");
                return null;
            }
            var metric = ReadMetric(ref reader, -1, errors);
            EnsureEnd(ref reader, errors);
            return metric;
        }
        catch (JsonException exception)
        {
            AddSyntaxError(errors, exception);
            return null;
        }
    }

    /// <summary>Reads a body holding an array of metric objects; null when the array is unusable or too long.</summary>
    public static List<MetricInput>? ParseBatch(ReadOnlySpan<byte> body, int maxItems, FieldErrors errors)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                errors.Add("$", "the body must be a JSON array of metric objects.");
                return null;
            }
            var metrics = new List<MetricInput>(Math.Min(maxItems, 1024));
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var index = metrics.Count;
                if (index >= maxItems)
                {
                    errors.Add("$", $"a batch holds at most {maxItems} metrics.");
                    return null;
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    errors.Add($"[{index}]", "each batch item must be a metric object.");
                    reader.Skip();
                    metrics.Add(new MetricInput());
                    continue;
                }
                metrics.Add(ReadMetric(ref reader, index, errors));
            }
            EnsureEnd(ref reader, errors);
            if (metrics.Count == 0)
                errors.Add("$", "a batch holds at least one metric.");
            return metrics;
        }
        catch (JsonException exception)
        {
            AddSyntaxError(errors, exception);
            return null;
        }
    }

    private static MetricInput ReadMetric(ref Utf8JsonReader reader, int index, FieldErrors errors)
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
                    metric.Name = reader.GetString();
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
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
                Reject(ref reader, errors, Field(index, "labels." + key), $"label value must be a string (got {Describe(reader.TokenType)}); labels are a flat map.");
            else if (!labels.TryAdd(key, reader.GetString()!))
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

    private static void EnsureEnd(ref Utf8JsonReader reader, FieldErrors errors)
    {
        if (reader.Read())
            errors.Add("$", "the body holds more than one JSON value.");
    }

    private static void AddSyntaxError(FieldErrors errors, JsonException exception) =>
        errors.Add("$", $"the body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");

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

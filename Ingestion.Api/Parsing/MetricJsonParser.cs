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
        body = Utf8Body.WithoutByteOrderMark(body);
        if (!Utf8Body.Check(body, errors))
            return null;
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                errors.Add("$", "the body must be a JSON object: {\"name\": ..., \"value\": ...}.");
                return null;
            }
            var metric = MetricObjectReader.Read(ref reader, -1, errors);
            EnsureEnd(ref reader, errors);
            return metric;
        }
        catch (JsonException exception)
        {
            AddSyntaxError(errors, exception);
            return null;
        }
        catch (InvalidOperationException)
        {
            // The reader's answer to a string it cannot decode where no field reader expected one.
            errors.Add("$", "a string in the body " + SharedStrings.InvalidEscape);
            return null;
        }
    }

    /// <summary>Reads a body holding an array of metric objects; null when the array is unusable or too long.</summary>
    public static List<MetricInput>? ParseBatch(ReadOnlySpan<byte> body, int maxItems, FieldErrors errors)
    {
        body = Utf8Body.WithoutByteOrderMark(body);
        if (!Utf8Body.Check(body, errors))
            return null;
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
                metrics.Add(MetricObjectReader.Read(ref reader, index, errors));
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
        catch (InvalidOperationException)
        {
            // The reader's answer to a string it cannot decode where no field reader expected one.
            errors.Add("$", "a string in the body " + SharedStrings.InvalidEscape);
            return null;
        }
    }

    private static void EnsureEnd(ref Utf8JsonReader reader, FieldErrors errors)
    {
        if (reader.Read())
            errors.Add("$", "the body holds more than one JSON value.");
    }

    private static void AddSyntaxError(FieldErrors errors, JsonException exception) =>
        errors.Add("$", $"the body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Ingestion.Kafka.Text;

namespace Ingestion.Kafka.Batching.Reading;

/// <summary>
/// Reads a string-to-string map (a metric's labels) as MassTransit's case-insensitive dictionary converter does (a
/// <c>Dictionary</c> with ordinal case-insensitive keys; an empty or blank key, or a key twice in any case, refuses the
/// record), with keys and values from a <see cref="Utf8StringCache"/>.
/// </summary>
internal sealed class CachedLabelsConverter(Utf8StringCache cache) : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"Expected StartObject, found: {reader.TokenType}");
        var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return labels;
            if (reader.TokenType != JsonTokenType.PropertyName)
                throw new JsonException($"Expected PropertyName, found: {reader.TokenType}");
            var key = CachedStringConverter.ReadString(ref reader, cache);
            if (string.IsNullOrWhiteSpace(key)) throw new JsonException("Expected non-empty PropertyName");
            reader.Read();
            labels.Add(key, reader.TokenType == JsonTokenType.Null ? null! : CachedStringConverter.ReadString(ref reader, cache)!);
        }
        return labels;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (key, text) in value)
        {
            writer.WritePropertyName(key);
            writer.WriteStringValue(text);
        }
        writer.WriteEndObject();
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Ingestion.Kafka.Text;

namespace Ingestion.Kafka.Batching.Reading;

/// <summary>
/// Reads JSON strings through a <see cref="Utf8StringCache"/>. Escaped strings, strings split over buffers and anything not a
/// string go through <see cref="Utf8JsonReader.GetString"/>, which reads or refuses them exactly as the built-in converter does.
/// </summary>
internal sealed class CachedStringConverter(Utf8StringCache cache) : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadString(ref reader, cache);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadString(ref reader, cache) ?? throw new JsonException("Expected a property name.");

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    /// <summary>The string (or property name) under the reader, from the cache when it can be.</summary>
    public static string? ReadString(ref Utf8JsonReader reader, Utf8StringCache cache) =>
        reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !reader.ValueIsEscaped && !reader.HasValueSequence
            ? cache.Get(reader.ValueSpan)
            : reader.GetString();
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Ingestion.Api.Receivers.Otlp.Protocol;

namespace Ingestion.Api.Receivers.Otlp;

/// <summary>
/// An attribute value as label text: strings as they are, numbers and booleans in invariant form, bytes as base64, and
/// arrays and key-value lists as JSON (OpenTelemetry's rule for non-string attribute values).
/// </summary>
internal static class AttributeText
{
    public static string Of(AnyValue? value) => value?.ValueCase switch
    {
        null or AnyValue.ValueOneofCase.None => string.Empty,
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToBase64(),
        _ => Json(value),
    };

    private static string Json(AnyValue value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(writer, value);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void Write(Utf8JsonWriter writer, AnyValue? value)
    {
        switch (value?.ValueCase)
        {
            case AnyValue.ValueOneofCase.ArrayValue:
                writer.WriteStartArray();
                foreach (var item in value.ArrayValue.Values)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case AnyValue.ValueOneofCase.KvlistValue:
                writer.WriteStartObject();
                foreach (var pair in value.KvlistValue.Values)
                {
                    writer.WritePropertyName(pair.Key);
                    Write(writer, pair.Value);
                }
                writer.WriteEndObject();
                break;
            case AnyValue.ValueOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;
            case AnyValue.ValueOneofCase.IntValue:
                writer.WriteNumberValue(value.IntValue);
                break;
            case AnyValue.ValueOneofCase.DoubleValue when double.IsFinite(value.DoubleValue):
                writer.WriteNumberValue(value.DoubleValue);
                break;
            case null or AnyValue.ValueOneofCase.None:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(Of(value));
                break;
        }
    }
}

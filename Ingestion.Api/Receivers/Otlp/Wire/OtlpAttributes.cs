using System.Globalization;
using Google.Protobuf;
using Ingestion.Api.Parsing;
using Ingestion.Api.Receivers.Otlp.Protocol;
using Ingestion.Api.Receivers.Protobuf;

namespace Ingestion.Api.Receivers.Otlp.Wire;

/// <summary>
/// A <c>KeyValue</c> attribute read from its bytes as its key and its label text (<see cref="AttributeText"/>'s rules):
/// strings shared through <see cref="SharedStrings"/>, numbers and booleans formatted, bytes as base64. Arrays,
/// key-value lists and a value sent twice (merged by the generated parser) are parsed with the generated types.
/// </summary>
internal static class OtlpAttributes
{
    // KeyValue.key = 1, value = 2; AnyValue.string_value = 1, bool_value = 2, int_value = 3, double_value = 4,
    // array_value = 5, kvlist_value = 6, bytes_value = 7.
    private const int KeyField = 1, ValueField = 2;
    private const int StringCase = 1, BoolCase = 2, IntCase = 3, DoubleCase = 4, ArrayCase = 5, ListCase = 6, BytesCase = 7;

    private static readonly MessageParser<KeyValue> KeyValueParser = KeyValue.Parser.WithDiscardUnknownFields(true);

    public static KeyValuePair<string, string> Read(ReadOnlySpan<byte> keyValue)
    {
        ReadOnlySpan<byte> key = default, value = default;
        var values = 0;
        var reader = new WireReader(keyValue, discardUnknownFields: true);
        while (!reader.End)
        {
            reader.TryReadTag(out var field, out var wireType);
            if (field is KeyField or ValueField && wireType == WireReader.LengthDelimited)
            {
                reader.TryReadLengthDelimited(out var bytes);
                if (field == KeyField)
                {
                    key = bytes;
                }
                else
                {
                    value = bytes;
                    values++;
                }
            }
            else
            {
                reader.TrySkip(field, wireType);
            }
        }
        var text = string.Empty;
        if (values > 1 || (values == 1 && !TryText(value, out text)))
        {
            var parsed = KeyValueParser.ParseFrom(keyValue);
            return new(parsed.Key, AttributeText.Of(parsed.Value));
        }
        return new(SharedStrings.Get(key), text);
    }

    /// <summary>The label text of an <c>AnyValue</c> holding a scalar (the last value field sent wins); false for arrays and lists.</summary>
    private static bool TryText(ReadOnlySpan<byte> anyValue, out string text)
    {
        text = string.Empty;
        var found = 0;
        ReadOnlySpan<byte> bytes = default;
        ulong number = 0;
        var reader = new WireReader(anyValue, discardUnknownFields: true);
        while (!reader.End)
        {
            reader.TryReadTag(out var field, out var wireType);
            switch (field, wireType)
            {
                case (StringCase or ArrayCase or ListCase or BytesCase, WireReader.LengthDelimited):
                    reader.TryReadLengthDelimited(out bytes);
                    found = field;
                    break;
                case (BoolCase or IntCase, WireReader.Varint):
                    reader.TryReadVarint(out number);
                    found = field;
                    break;
                case (DoubleCase, WireReader.Fixed64):
                    reader.TryReadFixed64(out number);
                    found = field;
                    break;
                default:
                    reader.TrySkip(field, wireType);
                    break;
            }
        }
        switch (found)
        {
            case ArrayCase or ListCase:
                return false;
            case StringCase:
                text = SharedStrings.Get(bytes);
                break;
            case BoolCase:
                text = number != 0 ? "true" : "false";
                break;
            case IntCase:
                text = ((long)number).ToString(CultureInfo.InvariantCulture);
                break;
            case DoubleCase:
                text = BitConverter.UInt64BitsToDouble(number).ToString("R", CultureInfo.InvariantCulture);
                break;
            case BytesCase:
                text = Convert.ToBase64String(bytes);
                break;
        }
        return true;
    }
}

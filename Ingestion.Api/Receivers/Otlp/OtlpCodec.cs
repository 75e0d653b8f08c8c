using System.Text;
using Google.Protobuf;
using Ingestion.Api.Receivers.Otlp.Protocol;
using Microsoft.Net.Http.Headers;

namespace Ingestion.Api.Receivers.Otlp;

/// <summary>Reads an <c>ExportMetricsServiceRequest</c> in either OTLP encoding and writes answers in the same one.</summary>
internal static class OtlpCodec
{
    public const string ProtobufType = "application/x-protobuf";
    public const string JsonType = "application/json";

    private static readonly MessageParser<ExportMetricsServiceRequest> BinaryParser =
        ExportMetricsServiceRequest.Parser.WithDiscardUnknownFields(true);

    // OTLP/JSON: lowerCamelCase field names, enums as integers, 64-bit integers as strings or numbers; fields we do not
    // model (exemplars, whose ids are hex rather than base64) are skipped.
    private static readonly JsonParser TextParser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>The request's encoding from its <c>Content-Type</c>, or null when it is neither OTLP encoding.</summary>
    public static OtlpEncoding? EncodingOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
            return null;
        if (type.MediaType.Equals(ProtobufType, StringComparison.OrdinalIgnoreCase))
            return OtlpEncoding.Protobuf;
        if (type.MediaType.Equals(JsonType, StringComparison.OrdinalIgnoreCase))
            return OtlpEncoding.Json;
        return null;
    }

    /// <summary>Parses the body; null with a reason when it is not a valid export request.</summary>
    public static ExportMetricsServiceRequest? Parse(ReadOnlySpan<byte> body, OtlpEncoding encoding, out string error)
    {
        error = string.Empty;
        try
        {
            return encoding == OtlpEncoding.Protobuf
                ? BinaryParser.ParseFrom(body)
                : TextParser.Parse<ExportMetricsServiceRequest>(Encoding.UTF8.GetString(body));
        }
        catch (InvalidProtocolBufferException exception)
        {
            error = $"The body is not a valid OTLP ExportMetricsServiceRequest: {exception.Message}";
        }
        catch (InvalidJsonException exception)
        {
            error = $"The body is not valid OTLP/JSON: {exception.Message}";
        }
        catch (FormatException exception)
        {
            error = $"The body is not valid OTLP/JSON: {exception.Message}";
        }
        return null;
    }

    public static byte[] Encode(IMessage message, OtlpEncoding encoding) =>
        encoding == OtlpEncoding.Protobuf ? message.ToByteArray() : Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(message));

    public static string ContentType(OtlpEncoding encoding) => encoding == OtlpEncoding.Protobuf ? ProtobufType : JsonType;
}

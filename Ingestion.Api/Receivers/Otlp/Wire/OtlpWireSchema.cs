using System.Text.Unicode;
using Ingestion.Api.Receivers.Protobuf;

namespace Ingestion.Api.Receivers.Otlp.Wire;

/// <summary>
/// Checks a binary OTLP export against otlp_metrics.proto the way the generated parser reads it, without building it:
/// every known field of every known message (the ones we map and the ones we do not), strings as strict UTF-8, packed
/// fixed-size arrays a whole number of elements long, unknown fields skipped (wire types 6 and 7 as empty, as with
/// <c>WithDiscardUnknownFields(true)</c>), an end-group tag outside a group refused, nesting up to the parser's limit.
/// True exactly when <c>ExportMetricsServiceRequest.Parser.WithDiscardUnknownFields(true)</c> would parse the bytes.
/// </summary>
internal static class OtlpWireSchema
{
    private enum Kind
    {
        Unknown,
        Text,
        PackedFixed64,
        Message,
    }

    public static bool IsValid(ReadOnlySpan<byte> body) => IsValid(body, OtlpMessage.ExportRequest, depth: 0);

    private static bool IsValid(ReadOnlySpan<byte> message, OtlpMessage type, int depth)
    {
        var reader = new WireReader(message, discardUnknownFields: true);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType) || wireType == WireReader.EndGroup)
                return false;
            var (kind, child) = Field(type, field);
            if (wireType == WireReader.LengthDelimited && kind is Kind.Text or Kind.PackedFixed64 or Kind.Message)
            {
                if (!reader.TryReadLengthDelimited(out var value))
                    return false;
                var valid = kind switch
                {
                    Kind.Text => Utf8.IsValid(value),
                    Kind.PackedFixed64 => value.Length % 8 == 0,
                    _ => depth < WireReader.RecursionLimit && IsValid(value, child, depth + 1),
                };
                if (!valid)
                    return false;
            }
            else if (!reader.TrySkip(field, wireType, depth))
            {
                // Known scalars (varints and fixed-size values, packed arrays sent unpacked) are checked by reading them
                // past; a known field with another wire type is an unknown field to the generated parser, and skipped.
                return false;
            }
        }
        return true;
    }

    /// <summary>What field <paramref name="field"/> of <paramref name="type"/> holds when sent length-delimited.</summary>
    private static (Kind Kind, OtlpMessage Child) Field(OtlpMessage type, int field) => (type, field) switch
    {
        (OtlpMessage.ExportRequest, 1) => (Kind.Message, OtlpMessage.ResourceMetrics),
        (OtlpMessage.ResourceMetrics, 1) => (Kind.Message, OtlpMessage.Resource),
        (OtlpMessage.ResourceMetrics, 2) => (Kind.Message, OtlpMessage.ScopeMetrics),
        (OtlpMessage.Resource, 1) => (Kind.Message, OtlpMessage.KeyValue),
        (OtlpMessage.ScopeMetrics, 1) => (Kind.Message, OtlpMessage.Scope),
        (OtlpMessage.ScopeMetrics, 2) => (Kind.Message, OtlpMessage.Metric),
        (OtlpMessage.Scope, 1 or 2) => (Kind.Text, OtlpMessage.None),
        (OtlpMessage.Scope, 3) => (Kind.Message, OtlpMessage.KeyValue),
        (OtlpMessage.Metric, 1 or 2 or 3) => (Kind.Text, OtlpMessage.None),
        (OtlpMessage.Metric, 5) => (Kind.Message, OtlpMessage.Gauge),
        (OtlpMessage.Metric, 7) => (Kind.Message, OtlpMessage.Sum),
        (OtlpMessage.Metric, 9) => (Kind.Message, OtlpMessage.Histogram),
        (OtlpMessage.Metric, 10) => (Kind.Message, OtlpMessage.ExponentialHistogram),
        (OtlpMessage.Metric, 11) => (Kind.Message, OtlpMessage.Summary),
        (OtlpMessage.Gauge or OtlpMessage.Sum, 1) => (Kind.Message, OtlpMessage.NumberDataPoint),
        (OtlpMessage.Histogram, 1) => (Kind.Message, OtlpMessage.HistogramDataPoint),
        (OtlpMessage.ExponentialHistogram, 1) => (Kind.Message, OtlpMessage.ExponentialHistogramDataPoint),
        (OtlpMessage.Summary, 1) => (Kind.Message, OtlpMessage.SummaryDataPoint),
        (OtlpMessage.NumberDataPoint, 7) => (Kind.Message, OtlpMessage.KeyValue),
        (OtlpMessage.HistogramDataPoint, 9) => (Kind.Message, OtlpMessage.KeyValue),
        (OtlpMessage.HistogramDataPoint, 6 or 7) => (Kind.PackedFixed64, OtlpMessage.None),
        (OtlpMessage.ExponentialHistogramDataPoint, 1) => (Kind.Message, OtlpMessage.KeyValue),
        (OtlpMessage.SummaryDataPoint, 7) => (Kind.Message, OtlpMessage.KeyValue),
        (OtlpMessage.SummaryDataPoint, 6) => (Kind.Message, OtlpMessage.ValueAtQuantile),
        (OtlpMessage.KeyValue, 1) => (Kind.Text, OtlpMessage.None),
        (OtlpMessage.KeyValue, 2) => (Kind.Message, OtlpMessage.AnyValue),
        (OtlpMessage.AnyValue, 1) => (Kind.Text, OtlpMessage.None),
        (OtlpMessage.AnyValue, 5) => (Kind.Message, OtlpMessage.ArrayValue),
        (OtlpMessage.AnyValue, 6) => (Kind.Message, OtlpMessage.KeyValueList),
        (OtlpMessage.ArrayValue, 1) => (Kind.Message, OtlpMessage.AnyValue),
        (OtlpMessage.KeyValueList, 1) => (Kind.Message, OtlpMessage.KeyValue),
        _ => (Kind.Unknown, OtlpMessage.None),
    };
}

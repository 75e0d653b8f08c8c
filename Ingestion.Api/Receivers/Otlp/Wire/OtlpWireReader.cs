using Google.Protobuf;
using Ingestion.Api.Parsing;
using Ingestion.Api.Receivers.Otlp.Protocol;
using Ingestion.Api.Receivers.Protobuf;

namespace Ingestion.Api.Receivers.Otlp.Wire;

/// <summary>
/// Maps a binary OTLP export to samples straight from its bytes, as <see cref="OtlpMetricMapper"/> maps the parsed export
/// (same samples, ids, refusals and counts): gauge and sum points are read field by field with no message objects and with
/// label strings shared across requests (<see cref="SharedStrings"/>); what is rare or needs the generated types' merge
/// rules (histograms, summaries, a metric whose data field repeats, array and key-value-list attributes, resources and
/// scopes) is parsed with the generated parser from that message's own bytes and mapped by <see cref="OtlpMetricMapper"/>.
/// The body is checked whole first (<see cref="OtlpWireSchema"/>): a body the generated parser would refuse is not mapped.
/// </summary>
internal static class OtlpWireReader
{
    // ExportMetricsServiceRequest.resource_metrics = 1; ResourceMetrics.resource = 1, scope_metrics = 2;
    // ScopeMetrics.scope = 1, metrics = 2; Metric.name = 1, unit = 3, gauge = 5, sum = 7, histogram = 9,
    // exponential_histogram = 10, summary = 11.
    private const int ResourceMetricsField = 1, ResourceField = 1, ScopeMetricsField = 2, ScopeField = 1, MetricsField = 2;
    private const int NameField = 1, UnitField = 3, GaugeField = 5, SumField = 7, HistogramField = 9, ExponentialField = 10, SummaryField = 11;

    private static readonly MessageParser<Resource> ResourceParser = Resource.Parser.WithDiscardUnknownFields(true);
    private static readonly MessageParser<InstrumentationScope> ScopeParser = InstrumentationScope.Parser.WithDiscardUnknownFields(true);
    private static readonly MessageParser<Metric> MetricParser = Metric.Parser.WithDiscardUnknownFields(true);

    /// <summary>
    /// Maps every point of <paramref name="body"/>; false, with nothing added to <paramref name="samples"/>, when the body
    /// is not an export the generated parser would read (the caller then parses it for the error message).
    /// </summary>
    public static bool TryMap(ReadOnlySpan<byte> body, ReceivedSamples samples, int maxAttributes, out int rejectedPoints)
    {
        rejectedPoints = 0;
        if (!OtlpWireSchema.IsValid(body))
            return false;
        var mapper = new OtlpMetricMapper(samples, maxAttributes);
        var points = new OtlpNumberPoints(samples, mapper);
        foreach (var resourceMetrics in Fields(body, ResourceMetricsField))
        {
            MapResource(resourceMetrics, mapper, points);
            if (samples.OverLimit)
                break;
        }
        rejectedPoints = mapper.RejectedPoints;
        return true;
    }

    private static void MapResource(ReadOnlySpan<byte> resourceMetrics, OtlpMetricMapper mapper, OtlpNumberPoints points)
    {
        var resource = ParseSingular(resourceMetrics, ResourceField, ResourceParser);
        foreach (var scopeMetrics in Fields(resourceMetrics, ScopeMetricsField))
        {
            var labels = OtlpLabels.For(resource, ParseSingular(scopeMetrics, ScopeField, ScopeParser));
            foreach (var metric in Fields(scopeMetrics, MetricsField))
            {
                MapMetric(metric, labels, mapper, points);
                if (points.OverLimit)
                    return;
            }
        }
    }

    private static void MapMetric(ReadOnlySpan<byte> metric, OtlpLabels labels, OtlpMetricMapper mapper, OtlpNumberPoints points)
    {
        ReadOnlySpan<byte> name = default, unit = default, data = default;
        int dataField = 0, dataFields = 0;
        var reader = new WireReader(metric, discardUnknownFields: true);
        while (!reader.End)
        {
            reader.TryReadTag(out var field, out var wireType);
            if (wireType != WireReader.LengthDelimited)
            {
                reader.TrySkip(field, wireType);
                continue;
            }
            reader.TryReadLengthDelimited(out var value);
            switch (field)
            {
                case NameField: name = value; break;
                case UnitField: unit = value; break;
                case GaugeField or SumField or HistogramField or ExponentialField or SummaryField:
                    dataField = field;
                    data = value;
                    dataFields++;
                    break;
            }
        }
        if (dataFields == 0)
            return;
        // One gauge or sum (nearly every metric): read directly. Anything else, or a data field sent twice (the generated
        // parser merges repeated occurrences of the same case and replaces on a different one), goes through the generated types.
        if (dataFields == 1 && dataField is GaugeField or SumField)
            points.Map(SharedStrings.Get(name), SharedStrings.Get(unit), dataField == SumField, data, labels);
        else
            mapper.MapMetric(MetricParser.ParseFrom(metric), labels);
    }

    /// <summary>
    /// A singular message field as the generated parser sees it: null when absent; the last occurrence merged into the
    /// ones before (repeated fields appended, scalars replaced), which is what parsing their concatenated bytes does.
    /// </summary>
    private static T? ParseSingular<T>(ReadOnlySpan<byte> message, int field, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        ReadOnlySpan<byte> only = default;
        var count = 0;
        var length = 0;
        foreach (var occurrence in Fields(message, field))
        {
            only = occurrence;
            count++;
            length += occurrence.Length;
        }
        if (count <= 1)
            return count == 0 ? null : parser.ParseFrom(only);
        var joined = new byte[length];
        var at = 0;
        foreach (var occurrence in Fields(message, field))
        {
            occurrence.CopyTo(joined.AsSpan(at));
            at += occurrence.Length;
        }
        return parser.ParseFrom(joined);
    }

    private static FieldEnumerator Fields(ReadOnlySpan<byte> message, int field) => new(message, field);
}

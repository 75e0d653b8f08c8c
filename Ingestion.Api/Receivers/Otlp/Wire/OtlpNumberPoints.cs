using Ingestion.Api.Receivers.KnownSeries;
using Ingestion.Api.Receivers.Protobuf;

namespace Ingestion.Api.Receivers.Otlp.Wire;

/// <summary>
/// Gauge and sum points read straight from their bytes into samples, with <see cref="OtlpMetricMapper"/>'s rules: the
/// point's attribute count and flags admitted by the mapper, <c>as_double</c> or <c>as_int</c> (the last one sent wins, as
/// in the generated oneof), the point's time, its labels from <see cref="OtlpLabels"/>. For one request, on one thread.
/// </summary>
internal sealed class OtlpNumberPoints(ReceivedSamples samples, OtlpMetricMapper mapper)
{
    // Gauge.data_points = 1, Sum.data_points = 1, Sum.is_monotonic = 3; NumberDataPoint.time_unix_nano = 3,
    // as_double = 4, as_int = 6, attributes = 7, flags = 8.
    private const int PointsField = 1, MonotonicField = 3;
    private const int TimeField = 3, DoubleField = 4, IntField = 6, AttributesField = 7, FlagsField = 8;

    [ThreadStatic]
    private static KeyValuePair<string, string>[]? attributeBuffer;

    public bool OverLimit => samples.OverLimit;

    /// <summary>Maps the points of one gauge or sum (<paramref name="data"/>: the <c>Gauge</c> or <c>Sum</c> message's bytes).</summary>
    public void Map(string name, string unit, bool isSum, ReadOnlySpan<byte> data, OtlpLabels labels)
    {
        var monotonic = isSum && IsMonotonic(data);
        var metricName = PrometheusNames.Metric(name, unit, isGauge: !monotonic, isMonotonicSum: monotonic);
        // What besides a point's attribute bytes decides its labels: the metric's name and the resource and scope labels.
        var context = metricName + "\n" + labels.Signature;
        var seed = SeriesCache.Seed(context);
        foreach (var point in new FieldEnumerator(data, PointsField))
        {
            MapPoint(metricName, point, labels, context, seed);
            if (samples.OverLimit)
                return;
        }
    }

    private void MapPoint(string name, ReadOnlySpan<byte> point, OtlpLabels labels, string context, long seed)
    {
        var attributes = 0;
        // The attributes' bytes, when they are one run of fields (as exporters write them): the point's series cache key.
        int attributesStart = 0, attributesEnd = 0;
        var oneRun = true;
        ulong time = 0;
        uint flags = 0;
        double? value = null;
        var reader = new WireReader(point, discardUnknownFields: true);
        while (!reader.End)
        {
            var tagAt = reader.Position;
            reader.TryReadTag(out var field, out var wireType);
            switch (field, wireType)
            {
                case (TimeField, WireReader.Fixed64):
                    reader.TryReadFixed64(out time);
                    break;
                case (DoubleField, WireReader.Fixed64):
                    reader.TryReadFixed64(out var bits);
                    value = BitConverter.UInt64BitsToDouble(bits);
                    break;
                case (IntField, WireReader.Fixed64):
                    reader.TryReadFixed64(out var integer);
                    value = (long)integer;
                    break;
                case (FlagsField, WireReader.Varint):
                    reader.TryReadVarint(out var raw);
                    flags = (uint)raw;
                    break;
                case (AttributesField, WireReader.LengthDelimited):
                    reader.TryReadLengthDelimited(out _);
                    if (attributes++ == 0)
                        attributesStart = tagAt;
                    else
                        oneRun &= attributesEnd == tagAt;
                    attributesEnd = reader.Position;
                    break;
                default:
                    reader.TrySkip(field, wireType);
                    break;
            }
        }
        if (!mapper.Admit(attributes, flags, labels, out var before))
            return;
        if (value is null)
            samples.Reject($"{name}: the point has neither as_double nor as_int.");
        else
            samples.Add(Series(name, point, attributes, labels, oneRun ? point[attributesStart..attributesEnd] : default, oneRun, context, seed), value.Value, OtlpMetricMapper.Nanos(time));
        mapper.Count(before);
    }

    /// <summary>The point's series: shared from <see cref="SeriesCache"/> when the same attribute bytes were seen in the same context, else built (and remembered).</summary>
    private static SeriesLabels Series(string name, ReadOnlySpan<byte> point, int count, OtlpLabels labels, ReadOnlySpan<byte> attributeBytes, bool cacheable,
        string context, long seed)
    {
        ulong hash = 0;
        if (cacheable && SeriesCache.Shared.Find(context, seed, attributeBytes, out hash) is { } known)
            return known;
        var buffer = attributeBuffer is { } cached && cached.Length >= count ? cached : attributeBuffer = new KeyValuePair<string, string>[Math.Max(count, 32)];
        var n = 0;
        foreach (var attribute in new FieldEnumerator(point, AttributesField))
            buffer[n++] = OtlpAttributes.Read(attribute);
        try
        {
            var series = labels.Build(buffer.AsSpan(0, n), 0).Seal(name);
            if (cacheable)
                SeriesCache.Shared.Store(hash, context, attributeBytes, series);
            return series;
        }
        finally
        {
            Array.Clear(buffer, 0, n);
        }
    }

    private static bool IsMonotonic(ReadOnlySpan<byte> sum)
    {
        var monotonic = false;
        var reader = new WireReader(sum, discardUnknownFields: true);
        while (!reader.End)
        {
            reader.TryReadTag(out var field, out var wireType);
            if (field == MonotonicField && wireType == WireReader.Varint)
            {
                reader.TryReadVarint(out var raw);
                monotonic = raw != 0;
            }
            else
            {
                reader.TrySkip(field, wireType);
            }
        }
        return monotonic;
    }
}

using System.Globalization;
using Google.Protobuf.Collections;
using Ingestion.Api.Receivers.Otlp.Protocol;

namespace Ingestion.Api.Receivers.Otlp;

/// <summary>
/// Turns an OTLP export into samples (the mapping table in docs/api.md): gauges and sums one sample per point,
/// histograms <c>_count</c>, <c>_sum</c> and cumulative <c>_bucket{le}</c>, exponential histograms <c>_count</c> and
/// <c>_sum</c>, summaries <c>{quantile}</c>, <c>_count</c> and <c>_sum</c>. Returns how many points were refused.
/// </summary>
internal sealed class OtlpMetricMapper(ReceivedSamples samples, int maxAttributes)
{
    private const uint NoRecordedValue = 1;

    private int rejectedPoints;

    /// <summary>Points refused so far (a point any of whose samples was refused counts once).</summary>
    public int RejectedPoints => rejectedPoints;

    public static int Map(ExportMetricsServiceRequest request, ReceivedSamples samples, int maxAttributes)
    {
        var mapper = new OtlpMetricMapper(samples, maxAttributes);
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var labels = OtlpLabels.For(resourceMetrics.Resource, scopeMetrics.Scope);
                foreach (var metric in scopeMetrics.Metrics)
                {
                    mapper.MapMetric(metric, labels);
                    if (samples.OverLimit)
                        return mapper.rejectedPoints;
                }
            }
        }
        return mapper.rejectedPoints;
    }

    public void MapMetric(Metric metric, OtlpLabels labels)
    {
        switch (metric.DataCase)
        {
            case Metric.DataOneofCase.Gauge:
                MapNumbers(PrometheusNames.Metric(metric.Name, metric.Unit, isGauge: true, isMonotonicSum: false), metric.Gauge.DataPoints, labels);
                break;
            case Metric.DataOneofCase.Sum:
                var monotonic = metric.Sum.IsMonotonic;
                MapNumbers(PrometheusNames.Metric(metric.Name, metric.Unit, isGauge: !monotonic, isMonotonicSum: monotonic), metric.Sum.DataPoints, labels);
                break;
            case Metric.DataOneofCase.Histogram:
                var histogram = PrometheusNames.Metric(metric.Name, metric.Unit, isGauge: false, isMonotonicSum: false);
                foreach (var point in metric.Histogram.DataPoints)
                {
                    if (!Admit(point.Attributes, point.Flags, labels, out var before))
                        continue;
                    MapHistogram(histogram, point, labels);
                    Count(before);
                }
                break;
            case Metric.DataOneofCase.ExponentialHistogram:
                var exponential = PrometheusNames.Metric(metric.Name, metric.Unit, isGauge: false, isMonotonicSum: false);
                foreach (var point in metric.ExponentialHistogram.DataPoints)
                {
                    if (!Admit(point.Attributes, point.Flags, labels, out var before))
                        continue;
                    MapCountAndSum(exponential, labels.Build(point.Attributes, 0), Nanos(point.TimeUnixNano), point.Count, point.HasSum ? point.Sum : null);
                    Count(before);
                }
                break;
            case Metric.DataOneofCase.Summary:
                var summary = PrometheusNames.Metric(metric.Name, metric.Unit, isGauge: false, isMonotonicSum: false);
                foreach (var point in metric.Summary.DataPoints)
                {
                    if (!Admit(point.Attributes, point.Flags, labels, out var before))
                        continue;
                    MapSummary(summary, point, labels);
                    Count(before);
                }
                break;
            default:
                break;
        }
    }

    private void MapNumbers(string name, RepeatedField<NumberDataPoint> points, OtlpLabels labels)
    {
        foreach (var point in points)
        {
            if (!Admit(point.Attributes, point.Flags, labels, out var before))
                continue;
            var value = point.ValueCase switch
            {
                NumberDataPoint.ValueOneofCase.AsDouble => point.AsDouble,
                NumberDataPoint.ValueOneofCase.AsInt => point.AsInt,
                _ => (double?)null,
            };
            if (value is null)
                samples.Reject($"{name}: the point has neither as_double nor as_int.");
            else
                samples.Add(name, value.Value, labels.Build(point.Attributes, 0), Nanos(point.TimeUnixNano));
            Count(before);
            if (samples.OverLimit)
                return;
        }
    }

    private void MapHistogram(string name, HistogramDataPoint point, OtlpLabels labels)
    {
        if (point.BucketCounts.Count > 0 && point.BucketCounts.Count != point.ExplicitBounds.Count + 1)
        {
            samples.Reject($"{name}: bucket_counts must have one element more than explicit_bounds.");
            return;
        }
        var common = labels.Build(point.Attributes, 1);
        var nanos = Nanos(point.TimeUnixNano);
        MapCountAndSum(name, common, nanos, point.Count, point.HasSum ? point.Sum : null);
        ulong cumulative = 0;
        for (var i = 0; i < point.BucketCounts.Count && !samples.OverLimit; i++)
        {
            cumulative += point.BucketCounts[i];
            var bound = i < point.ExplicitBounds.Count ? Format(point.ExplicitBounds[i]) : "+Inf";
            samples.Add(name + "_bucket", cumulative, With(common, "le", bound), nanos);
        }
    }

    private void MapSummary(string name, SummaryDataPoint point, OtlpLabels labels)
    {
        var common = labels.Build(point.Attributes, 1);
        var nanos = Nanos(point.TimeUnixNano);
        foreach (var quantile in point.QuantileValues)
            samples.Add(name, quantile.Value, With(common, "quantile", Format(quantile.Quantile)), nanos);
        MapCountAndSum(name, common, nanos, point.Count, point.Sum);
    }

    private void MapCountAndSum(string name, Dictionary<string, string> labels, long nanos, ulong count, double? sum)
    {
        samples.Add(name + "_count", count, labels, nanos);
        if (sum is { } total)
            samples.Add(name + "_sum", total, labels, nanos);
    }

    private bool Admit(RepeatedField<KeyValue> attributes, uint flags, OtlpLabels labels, out int before) =>
        Admit(attributes.Count, flags, labels, out before);

    /// <summary>Checks a point's size and flags; <paramref name="before"/> is the refused count before it is mapped.</summary>
    public bool Admit(int attributeCount, uint flags, OtlpLabels labels, out int before)
    {
        before = samples.Rejected;
        if (attributeCount + labels.ScopeCount > maxAttributes)
        {
            samples.Reject($"a point has {attributeCount + labels.ScopeCount} attributes; at most {maxAttributes} are accepted.");
            rejectedPoints++;
            return false;
        }
        if ((flags & NoRecordedValue) != 0)
        {
            samples.Drop();
            return false;
        }
        return true;
    }

    /// <summary>A point any of whose samples was refused counts once.</summary>
    public void Count(int before)
    {
        if (samples.Rejected > before)
            rejectedPoints++;
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, string key, string value) =>
        new(common, StringComparer.Ordinal) { [key] = value };

    private static string Format(double bound) =>
        double.IsPositiveInfinity(bound) ? "+Inf" : double.IsNegativeInfinity(bound) ? "-Inf" : bound.ToString("R", CultureInfo.InvariantCulture);

    public static long Nanos(ulong unixNanos) => unixNanos > long.MaxValue ? -1 : (long)unixNanos;
}

extern alias api;

using System.Globalization;
using api::Ingestion.Api.Receivers.Otlp.Protocol;
using Google.Protobuf;

namespace Ingestion.Tests.Receivers;

/// <summary>OTLP exports built with the generated types: one of every kind of metric, point and attribute, and the benchmark's.</summary>
internal static class OtlpExports
{
    /// <summary>Gauges, sums, a histogram, an exponential histogram and a summary; attributes of every value type; points the mapping refuses or drops.</summary>
    public static ExportMetricsServiceRequest Varied(ulong nanos)
    {
        var resource = new Resource();
        resource.Attributes.Add([Text("service.name", "api"), Text("service.namespace", "shop"), Text("service.instance.id", "pod-1"), Text("host.name", "n1")]);
        var scope = new InstrumentationScope { Name = "Ingestion.Api", Version = "1.2" };
        scope.Attributes.Add(Text("scope.tier", "gold"));
        var scopeMetrics = new ScopeMetrics { Scope = scope };
        var gauge = new Gauge();
        gauge.DataPoints.Add([
            Point(nanos, 1.5, Text("http.route", "/a"), Text("a.b", "dot"), Text("a_b", "underscore"), Text("9lives", "cat")),
            Point(nanos, null, Text("kind", "no value")),
            Point(nanos, 2, Value("bool", new AnyValue { BoolValue = true }), Value("int", new AnyValue { IntValue = -42 }),
                Value("double", new AnyValue { DoubleValue = 0.1 }), Value("bytes", new AnyValue { BytesValue = ByteString.CopyFromUtf8("raw") }),
                Value("empty", new AnyValue()), new KeyValue { Key = "missing" }, Text("blank", "")),
            Point(nanos, 3, Value("list", List(new AnyValue { StringValue = "x" }, new AnyValue { IntValue = 2 })),
                Value("map", new AnyValue { KvlistValue = new KeyValueList { Values = { Text("k", "v") } } })),
            Point(nanos, 4, Text("dup", "first"), Text("dup", "second")),
            Point(0, 5, Text("time", "missing")),
            Point(ulong.MaxValue, 6, Text("time", "out of range")),
            Point(nanos - 8UL * 24 * 3600 * 1_000_000_000, 7, Text("time", "too old")),
            WithFlags(Point(nanos, 8, Text("flag", "no recorded value")), 1),
            Point(nanos, 9, [.. Enumerable.Range(0, 40).Select(i => Text($"wide.{i:00}", $"v{i}"))]),
            Point(nanos, double.NaN, Text("value", "nan")),
        ]);
        scopeMetrics.Metrics.Add(new Metric { Name = "cpu.usage", Unit = "1", Gauge = gauge });
        scopeMetrics.Metrics.Add(new Metric { Name = "requests", Unit = "{requests}", Sum = Sum(true, Point(nanos, 10, Text("code", "200")), IntPoint(nanos, 11)) });
        scopeMetrics.Metrics.Add(new Metric { Name = "queue.depth", Unit = "By", Sum = Sum(false, Point(nanos, 12)) });
        scopeMetrics.Metrics.Add(new Metric { Name = "", Gauge = new Gauge { DataPoints = { Point(nanos, 13) } } });
        scopeMetrics.Metrics.Add(new Metric { Name = "latency", Unit = "ms", Histogram = new Histogram { DataPoints = { Histogram(nanos) } } });
        scopeMetrics.Metrics.Add(new Metric { Name = "size", Unit = "By", ExponentialHistogram = new ExponentialHistogram { DataPoints = { new ExponentialHistogramDataPoint { TimeUnixNano = nanos, Count = 4, Sum = 9 } } } });
        scopeMetrics.Metrics.Add(new Metric { Name = "rtt", Unit = "s", Summary = new Summary { DataPoints = { Summary(nanos) } } });
        scopeMetrics.Metrics.Add(new Metric { Name = "nothing" });
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(new ResourceMetrics { Resource = resource, ScopeMetrics = { scopeMetrics } });
        request.ResourceMetrics.Add(new ResourceMetrics { ScopeMetrics = { new ScopeMetrics { Metrics = { new Metric { Name = "bare", Gauge = new Gauge { DataPoints = { Point(nanos, 14) } } } } } } });
        return request;
    }

    /// <summary>The receiver benchmark's export: one gauge of <paramref name="points"/> points over 50 hosts.</summary>
    public static ExportMetricsServiceRequest Gauges(int points, ulong nanos)
    {
        var gauge = new Gauge();
        for (var i = 0; i < points; i++)
            gauge.DataPoints.Add(Point(nanos, i + 0.25, Text("host", $"server-{i % 50:00}"), Text("region", "eu"), Text("slot", (i / 50).ToString(CultureInfo.InvariantCulture))));
        var resource = new Resource { Attributes = { Text("service.name", "bench"), Text("service.instance.id", "bench-1") } };
        var scope = new ScopeMetrics { Scope = new InstrumentationScope { Name = "bench" }, Metrics = { new Metric { Name = "cpu.usage", Gauge = gauge } } };
        return new ExportMetricsServiceRequest { ResourceMetrics = { new ResourceMetrics { Resource = resource, ScopeMetrics = { scope } } } };
    }

    private static NumberDataPoint Point(ulong nanos, double? value, params KeyValue[] attributes)
    {
        var point = new NumberDataPoint { TimeUnixNano = nanos };
        if (value is { } v)
            point.AsDouble = v;
        point.Attributes.Add(attributes);
        return point;
    }

    private static NumberDataPoint IntPoint(ulong nanos, long value) => new() { TimeUnixNano = nanos, AsInt = value };

    private static NumberDataPoint WithFlags(NumberDataPoint point, uint flags)
    {
        point.Flags = flags;
        return point;
    }

    private static Sum Sum(bool monotonic, params NumberDataPoint[] points) => new() { IsMonotonic = monotonic, DataPoints = { points } };

    private static HistogramDataPoint Histogram(ulong nanos) => new()
    {
        TimeUnixNano = nanos, Count = 6, Sum = 21, BucketCounts = { 1, 2, 3 }, ExplicitBounds = { 5, 10 }, Attributes = { Text("route", "/h") },
    };

    private static SummaryDataPoint Summary(ulong nanos) => new()
    {
        TimeUnixNano = nanos, Count = 3, Sum = 1.5,
        QuantileValues = { new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 0.4 }, new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.99, Value = 0.9 } },
    };

    private static AnyValue List(params AnyValue[] values) => new() { ArrayValue = new ArrayValue { Values = { values } } };

    private static KeyValue Text(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static KeyValue Value(string key, AnyValue value) => new() { Key = key, Value = value };
}

extern alias api;

using System.Globalization;
using api::Ingestion.Api.Receivers.Otlp.Protocol;
using api::Ingestion.Api.Receivers.RemoteWrite.Protocol;
using Google.Protobuf;

namespace Ingestion.Benchmarks.Receivers;

/// <summary>
/// Writes the request bodies of the receiver benchmark (benchmarks/receivers/run): a snappy remote-write request and an
/// OTLP protobuf export, each of <c>--samples</c> samples over 50 hosts, stamped now (the API accepts 7 days back).
/// </summary>
internal static class ReceiverBodyWriter
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var directory = arguments.String("out") ?? ".";
        var samples = arguments.Int("samples", 1000);
        var now = DateTimeOffset.UtcNow;
        Directory.CreateDirectory(directory);
        await File.WriteAllBytesAsync(Path.Combine(directory, "remote_write.bin"), Snappier.Snappy.CompressToArray(RemoteWrite(samples, now).ToByteArray()));
        await File.WriteAllBytesAsync(Path.Combine(directory, "otlp.bin"), Otlp(samples, now).ToByteArray());
        Console.WriteLine($"wrote remote_write.bin and otlp.bin ({samples} samples each) to {directory}");
        return 0;
    }

    internal static WriteRequest RemoteWrite(int samples, DateTimeOffset now)
    {
        var request = new WriteRequest();
        for (var i = 0; i < samples; i++)
        {
            var series = new TimeSeries();
            series.Labels.Add(new Label { Name = "__name__", Value = "cpu_usage" });
            series.Labels.Add(new Label { Name = "host", Value = Host(i) });
            series.Labels.Add(new Label { Name = "instance", Value = "bench:9100" });
            series.Labels.Add(new Label { Name = "job", Value = "bench" });
            series.Labels.Add(new Label { Name = "region", Value = "eu" });
            series.Labels.Add(new Label { Name = "slot", Value = (i / 50).ToString(CultureInfo.InvariantCulture) });
            series.Samples.Add(new Sample { Value = i + 0.25, Timestamp = now.ToUnixTimeMilliseconds() });
            request.Timeseries.Add(series);
        }
        return request;
    }

    internal static ExportMetricsServiceRequest Otlp(int samples, DateTimeOffset now)
    {
        var gauge = new Gauge();
        var nanos = (ulong)((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100);
        for (var i = 0; i < samples; i++)
        {
            var point = new NumberDataPoint { TimeUnixNano = nanos, AsDouble = i + 0.25 };
            point.Attributes.Add(Attribute("host", Host(i)));
            point.Attributes.Add(Attribute("region", "eu"));
            point.Attributes.Add(Attribute("slot", (i / 50).ToString(CultureInfo.InvariantCulture)));
            gauge.DataPoints.Add(point);
        }
        var resource = new Resource();
        resource.Attributes.Add(Attribute("service.name", "bench"));
        resource.Attributes.Add(Attribute("service.instance.id", "bench-1"));
        var scope = new ScopeMetrics { Scope = new InstrumentationScope { Name = "bench" } };
        scope.Metrics.Add(new Metric { Name = "cpu.usage", Gauge = gauge });
        var resourceMetrics = new ResourceMetrics { Resource = resource };
        resourceMetrics.ScopeMetrics.Add(scope);
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(resourceMetrics);
        return request;
    }

    private static string Host(int i) => "server-" + (i % 50).ToString("00", CultureInfo.InvariantCulture);

    private static KeyValue Attribute(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };
}

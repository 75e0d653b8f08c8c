extern alias api;

using api::Ingestion.Api.Receivers;
using api::Ingestion.Api.Receivers.KnownSeries;
using api::Ingestion.Api.Receivers.Otlp.Protocol;
using api::Ingestion.Api.Receivers.Otlp.Wire;
using api::Ingestion.Api.Receivers.RemoteWrite;
using api::Ingestion.Api.Receivers.RemoteWrite.Protocol;
using Google.Protobuf;
using static Ingestion.Tests.Receivers.RemoteWriteRequests;
using Ingestion.Contracts;

namespace Ingestion.Tests.Receivers;

/// <summary>
/// A received series' labels, Kafka key and id input are worked out once and shared by its samples, across requests
/// (<see cref="SeriesCache"/>), and give exactly what working them out per sample gave.
/// </summary>
[TestFixture]
public sealed class The_known_series
{
    private const long Time = 1_764_460_800_123_456_789;
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public void Give_the_point_ids_the_series_and_time_give()
    {
        var labels = new Dictionary<string, string> { ["region"] = "eu", ["host"] = "a", ["Zone"] = "1" };
        var series = new SeriesLabels(3) { ["region"] = "eu", ["host"] = "a", ["Zone"] = "1" }.Seal("cpu");
        var wide = Enumerable.Range(0, 32).ToDictionary(i => $"label_{i}", i => new string('v', 40));

        Assert.Multiple(() =>
        {
            Assert.That(PointIds.For(series.IdInput, Time), Is.EqualTo(PointIds.For("cpu", labels, Time)));
            Assert.That(PointIds.For(PointIds.SeriesInput("cpu", wide), Time), Is.EqualTo(PointIds.For("cpu", wide, Time)), "an input over the stack buffer");
        });
    }

    [Test]
    public void Give_the_kafka_key_the_series_gives_and_only_to_their_own_name()
    {
        var series = new SeriesLabels(2) { ["region"] = "eu", ["host"] = "a" }.Seal("cpu");
        var plain = new Dictionary<string, string> { ["region"] = "eu", ["host"] = "a" };

        Assert.Multiple(() =>
        {
            Assert.That(MetricKeys.For(new MetricRecorded { Name = "cpu", Labels = series }), Is.EqualTo("cpu{host=a,region=eu}").And.SameAs(series.Key));
            Assert.That(MetricKeys.For(new MetricRecorded { Name = "mem", Labels = series }), Is.EqualTo("mem{host=a,region=eu}"));
            Assert.That(MetricKeys.For(new MetricRecorded { Name = "cpu", Labels = plain }), Is.EqualTo("cpu{host=a,region=eu}"));
            Assert.That(MetricKeys.For(new MetricRecorded { Name = "cpu", Labels = new SeriesLabels(0) }), Is.EqualTo("cpu"), "an unsealed series");
        });
    }

    [Test]
    public void Are_found_only_with_the_same_context_and_the_same_bytes()
    {
        var cache = new SeriesCache(2);
        var series = new SeriesLabels(1) { ["host"] = "a" }.Seal("cpu");
        var seed = SeriesCache.Seed("one");
        Assert.That(cache.Find("one", seed, [1, 2, 3], out var hash), Is.Null);
        cache.Store(hash, "one", [1, 2, 3], series);

        Assert.Multiple(() =>
        {
            Assert.That(cache.Find("one", seed, [1, 2, 3], out _), Is.SameAs(series));
            Assert.That(cache.Find("one", seed, [1, 2, 4], out _), Is.Null);
            Assert.That(cache.Find("two", SeriesCache.Seed("two"), [1, 2, 3], out _), Is.Null);
            Assert.That(() => cache.Store(hash, "one", [1, 2, 3], new SeriesLabels(0)), Throws.ArgumentException, "only sealed series are shared");
        });
    }

    [Test]
    public void Keep_two_series_whose_hashes_share_a_slot()
    {
        var cache = new SeriesCache(2);
        var seed = SeriesCache.Seed("c");
        var one = new SeriesLabels(0).Seal("one");
        var two = new SeriesLabels(0).Seal("two");
        cache.Find("c", seed, [1], out var first);
        cache.Store(first, "c", [1], one);
        cache.Find("c", seed, [2], out var second);
        cache.Store(second, "c", [2], two);

        Assert.Multiple(() =>
        {
            Assert.That(cache.Find("c", seed, [1], out _), Is.SameAs(one));
            Assert.That(cache.Find("c", seed, [2], out _), Is.SameAs(two));
        });
    }

    [Test]
    public void Are_shared_by_the_samples_of_a_remote_write_series_across_requests()
    {
        var body = Request(Series([("__name__", "cpu_known"), ("host", "a"), ("region", "eu")], (1, Now), (2, Now.AddSeconds(-1))));

        var first = Map(body, 32);
        var again = Map(body, 32);

        Assert.Multiple(() =>
        {
            Assert.That(first.Accepted, Has.Count.EqualTo(2));
            Assert.That(again.Accepted[0].Labels, Is.SameAs(first.Accepted[0].Labels).And.SameAs(first.Accepted[1].Labels));
            Assert.That(again.Accepted.Select(m => m.Id), Is.EqualTo(first.Accepted.Select(m => m.Id)));
            Assert.That(first.Accepted.Select(m => m.Id), Is.EqualTo(first.Accepted.Select(m => PointIds.For(m.Name, m.Labels!, m.Timestamp!.Value.ToUnixTimeMilliseconds() * 1_000_000))));
        });
    }

    [Test]
    public void Still_refuse_a_remote_write_series_over_a_lower_label_limit_after_it_was_accepted()
    {
        var body = Request(Series([("__name__", "cpu_limited"), ("host", "a"), ("region", "eu")], (1, Now)));

        var accepted = Map(body, 32);
        var refused = Map(body, 2);

        Assert.Multiple(() =>
        {
            Assert.That(accepted.Accepted, Has.Count.EqualTo(1));
            Assert.That(refused.Accepted, Is.Empty);
            Assert.That(refused.Reasons, Has.Some.Contains("3 labels"));
        });
    }

    [Test]
    public void Read_remote_write_labels_that_come_after_the_samples()
    {
        var series = Series([("__name__", "cpu_late")], (1, Now)).ToByteArray();
        var late = new Label { Name = "host", Value = "late" }.ToByteArray();
        // TimeSeries.labels = 1: a label written after the samples, which no encoder does but the format allows.
        byte[] body = [0x0a, .. Varint(series.Length + 2 + late.Length), .. series, 0x0a, (byte)late.Length, .. late];

        var samples = Map(body, 32);
        var again = Map(body, 32);

        Assert.Multiple(() =>
        {
            Assert.That(samples.Accepted.Single().Labels, Is.EquivalentTo(new Dictionary<string, string> { ["host"] = "late" }));
            Assert.That(again.Accepted.Single().Id, Is.EqualTo(samples.Accepted.Single().Id));
        });
    }

    [Test]
    public void Tell_otlp_points_with_the_same_attributes_apart_by_metric_resource_and_scope()
    {
        var one = Map(Export("api", "cpu.known", "a"));
        var otherService = Map(Export("web", "cpu.known", "a"));
        var otherMetric = Map(Export("api", "mem.known", "a"));
        var again = Map(Export("api", "cpu.known", "a"));

        Assert.Multiple(() =>
        {
            Assert.That(one.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["job"] = "api", ["host"] = "a", ["otel_scope_name"] = "meter" }));
            Assert.That(otherService.Labels!["job"], Is.EqualTo("web"));
            Assert.That(otherMetric.Name, Is.EqualTo("mem_known"));
            Assert.That(again.Labels, Is.SameAs(one.Labels));
            Assert.That(again.Id, Is.EqualTo(PointIds.For("cpu_known", one.Labels!, (long)(ulong)OtlpOutcomes.NowNanos)));
        });
    }

    private static MetricRecorded Map(ExportMetricsServiceRequest export)
    {
        var samples = new ReceivedSamples(100, OtlpOutcomes.Now, TimeSpan.FromDays(7));
        Assert.That(OtlpWireReader.TryMap(export.ToByteArray(), samples, 32, out _), Is.True);
        return samples.Accepted.Single();
    }

    private static ExportMetricsServiceRequest Export(string service, string metric, string host)
    {
        var point = new NumberDataPoint { TimeUnixNano = OtlpOutcomes.NowNanos, AsDouble = 1 };
        point.Attributes.Add(new KeyValue { Key = "host", Value = new AnyValue { StringValue = host } });
        var gauge = new Gauge();
        gauge.DataPoints.Add(point);
        var scope = new ScopeMetrics { Scope = new InstrumentationScope { Name = "meter" } };
        scope.Metrics.Add(new Metric { Name = metric, Gauge = gauge });
        var resource = new ResourceMetrics { Resource = new Resource() };
        resource.Resource.Attributes.Add(new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = service } });
        resource.ScopeMetrics.Add(scope);
        var export = new ExportMetricsServiceRequest();
        export.ResourceMetrics.Add(resource);
        return export;
    }

    private static ReceivedSamples Map(byte[] body, int maxLabels)
    {
        var samples = new ReceivedSamples(100, Now, TimeSpan.FromDays(7));
        Assert.That(RemoteWriteReader.TryMap(body, samples, maxLabels), Is.True);
        return samples;
    }

    private static byte[] Varint(int value) => ProtobufBytes.Varint((ulong)value);
}

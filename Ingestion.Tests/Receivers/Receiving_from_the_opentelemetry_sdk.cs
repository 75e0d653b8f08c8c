using System.Diagnostics.Metrics;
using Ingestion.Tests.EndToEnd;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Ingestion.Tests.Receivers;

/// <summary>The OpenTelemetry .NET SDK's own OTLP exporter (HTTP/protobuf) sending to the real API, through the real worker.</summary>
[TestFixture]
public sealed class Receiving_from_the_opentelemetry_sdk
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test, CancelAfter(120_000)]
    public async Task Stores_a_counter_a_gauge_and_a_histogram_with_the_names_labels_values_and_times_of_the_mapping_table(CancellationToken cancellationToken)
    {
        await using var pipeline = await ReceiverPipeline.StartAsync("otlp_sdk");
        using var meter = new Meter("Ingestion.Tests.Checkout", "1.2.3");
        var orders = meter.CreateCounter<long>("shop.orders", "{order}");
        var temperature = meter.CreateGauge<double>("room.temperature", "Cel");
        var duration = meter.CreateHistogram("checkout.duration", "s", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 5] });
        var route = new KeyValuePair<string, object?>("http.route", "/cart");
        var before = DateTimeOffset.UtcNow;

        using var provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureResource(resource => resource.AddService("checkout", serviceNamespace: "shop", serviceInstanceId: "checkout-1"))
            .AddMeter(meter.Name)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = new Uri(pipeline.Api.Address, "/v1/metrics");
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                exporter.Headers = $"Authorization=Bearer {ReceiverPipeline.ApiKey}";
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 3_600_000;
            })
            .Build();
        orders.Add(2, route);
        orders.Add(1, route);
        temperature.Record(21.5, new KeyValuePair<string, object?>("room", "lab"));
        duration.Record(0.3, route);
        duration.Record(2, route);
        var exported = provider.ForceFlush(30_000);
        var after = DateTimeOffset.UtcNow;

        var counter = await StoredMetrics.WaitForAsync(pipeline.ConnectionString, "shop_orders_total", 1, Patience);
        var gauge = await StoredMetrics.WaitForAsync(pipeline.ConnectionString, "room_temperature_celsius", 1, Patience);
        var count = await StoredMetrics.WaitForAsync(pipeline.ConnectionString, "checkout_duration_seconds_count", 1, Patience);
        var sum = await StoredMetrics.WaitForAsync(pipeline.ConnectionString, "checkout_duration_seconds_sum", 1, Patience);
        var buckets = await StoredMetrics.WaitForAsync(pipeline.ConnectionString, "checkout_duration_seconds_bucket", 4, Patience);
        var common = new Dictionary<string, string>
        {
            ["job"] = "shop/checkout",
            ["instance"] = "checkout-1",
            ["otel_scope_name"] = "Ingestion.Tests.Checkout",
            ["otel_scope_version"] = "1.2.3",
        };
        var all = counter.Concat(gauge).Concat(count).Concat(sum).Concat(buckets).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(exported, Is.True, "the exporter reported a successful export");
            Assert.That(counter.Select(r => r.Value), Is.EqualTo(new[] { 3.0 }));
            Assert.That(counter[0].Labels, Is.EquivalentTo(With(common, "http_route", "/cart")));
            Assert.That(gauge.Select(r => r.Value), Is.EqualTo(new[] { 21.5 }));
            Assert.That(gauge[0].Labels, Is.EquivalentTo(With(common, "room", "lab")));
            Assert.That(count.Select(r => r.Value), Is.EqualTo(new[] { 2.0 }));
            Assert.That(sum.Select(r => r.Value), Is.EqualTo(new[] { 2.3 }).Within(1e-9));
            Assert.That(sum[0].Labels, Is.EquivalentTo(With(common, "http_route", "/cart")));
            Assert.That(buckets.ToDictionary(b => b.Labels["le"], b => b.Value),
                Is.EquivalentTo(new Dictionary<string, double> { ["0.5"] = 1, ["1"] = 1, ["5"] = 2, ["+Inf"] = 2 }), "cumulative buckets");
            Assert.That(count.Concat(sum).Concat(buckets).Select(r => r.Timestamp).Distinct().Count(), Is.EqualTo(1), "a histogram point's series share its time");
            Assert.That(all.Select(r => r.Timestamp), Is.All.InRange(before.AddSeconds(-1), after.AddSeconds(1)), "the point's time is the row's timestamp");
        });
    }

    private static Dictionary<string, string> With(Dictionary<string, string> common, string key, string value) =>
        new(common) { [key] = value };
}

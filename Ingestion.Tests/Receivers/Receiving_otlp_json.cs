using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Ingestion.Tests.EndToEnd;
using Ingestion.Tests.Worker;

namespace Ingestion.Tests.Receivers;

/// <summary>A hand-made OTLP/JSON export (the encoding the .NET exporter does not offer) through the real API and worker.</summary>
[TestFixture]
public sealed class Receiving_otlp_json
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test, CancelAfter(120_000)]
    public async Task Stores_sums_summaries_and_exponential_histograms_reports_the_refused_point_and_never_duplicates_a_resend(CancellationToken cancellationToken)
    {
        await using var pipeline = await ReceiverPipeline.StartAsync("otlp_json");
        using var client = pipeline.Client();
        var time = DateTimeOffset.UtcNow.AddSeconds(-5);
        var body = Export(time);

        using var first = await client.PostAsync("/v1/metrics", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        var firstAnswer = await first.Content.ReadAsStringAsync(cancellationToken);
        using var resent = await client.PostAsync("/v1/metrics", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        using var answer = JsonDocument.Parse(firstAnswer);

        // 1 sum + 2 quantiles + count + sum + exponential count + sum = 7 rows; the NaN point is refused, the flagged one dropped.
        await MetricsTable.WaitForCountAsync(pipeline.ConnectionString, 7, Patience);
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken); // a duplicate from the resend would have landed by now
        var queue = await StoredMetrics.ReadAsync(pipeline.ConnectionString, "queue_depth");
        var jobs = await StoredMetrics.ReadAsync(pipeline.ConnectionString, "jobs_total");
        var latency = await StoredMetrics.ReadAsync(pipeline.ConnectionString, "rpc_latency_milliseconds");
        var latencyCount = await StoredMetrics.ReadAsync(pipeline.ConnectionString, "rpc_latency_milliseconds_count");
        var sizes = await StoredMetrics.ReadAsync(pipeline.ConnectionString, "payload_size_bytes_count");
        var sizesSum = await StoredMetrics.ReadAsync(pipeline.ConnectionString, "payload_size_bytes_sum");
        var rows = await MetricsTable.CountAsync(pipeline.ConnectionString);

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(first.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(answer.RootElement.GetProperty("partialSuccess").GetProperty("rejectedDataPoints").ToString(), Is.EqualTo("1"), firstAnswer);
            Assert.That(answer.RootElement.GetProperty("partialSuccess").GetProperty("errorMessage").GetString(), Does.Contain("queue_depth"));
            Assert.That(resent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(rows, Is.EqualTo(7), "the resend landed on the same rows");
            Assert.That(jobs.Select(r => (r.Value, r.Labels["queue"], r.Labels["job"])), Is.EqualTo(new[] { (7.0, "high", "worker") }));
            Assert.That(jobs[0].Timestamp, Is.EqualTo(time).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(latency.ToDictionary(r => r.Labels["quantile"], r => r.Value), Is.EquivalentTo(new Dictionary<string, double> { ["0.5"] = 12, ["0.99"] = 40 }));
            Assert.That(latencyCount.Select(r => r.Value), Is.EqualTo(new[] { 10.0 }));
            Assert.That((sizes.Single().Value, sizesSum.Single().Value), Is.EqualTo((4.0, 1000.0)));
            Assert.That(queue, Is.Empty, "the NaN gauge point is refused and the no-recorded-value point dropped");
        });
    }

    private static string Export(DateTimeOffset time)
    {
        var nanos = ((time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).ToString(CultureInfo.InvariantCulture);
        return $$$"""
        {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"worker"}}]},
          "scopeMetrics":[{"scope":{"name":"jobs"},"metrics":[
            {"name":"jobs","unit":"{job}","sum":{"aggregationTemporality":2,"isMonotonic":true,"dataPoints":[
              {"attributes":[{"key":"queue","value":{"stringValue":"high"}}],"timeUnixNano":"{{{nanos}}}","asInt":"7"}]}},
            {"name":"queue.depth","gauge":{"dataPoints":[
              {"timeUnixNano":"{{{nanos}}}","asDouble":"NaN"},
              {"timeUnixNano":"{{{nanos}}}","asDouble":3,"flags":1}]}},
            {"name":"rpc.latency","unit":"ms","summary":{"dataPoints":[
              {"timeUnixNano":"{{{nanos}}}","count":"10","sum":150,"quantileValues":[{"quantile":0.5,"value":12},{"quantile":0.99,"value":40}]}]}},
            {"name":"payload.size","unit":"By","exponentialHistogram":{"aggregationTemporality":2,"dataPoints":[
              {"timeUnixNano":"{{{nanos}}}","count":"4","sum":1000,"scale":2,"positive":{"offset":1,"bucketCounts":["1","3"]}}]}}
          ]}]}]}
        """;
    }
}

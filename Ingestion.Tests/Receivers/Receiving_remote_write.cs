using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Receivers;

/// <summary>Remote-write semantics seen on the topic: staleness markers, refused samples beside accepted ones, deterministic ids.</summary>
[TestFixture]
public sealed class Receiving_remote_write
{

    [Test, CancelAfter(60_000)]
    public async Task Drops_staleness_markers_accepts_the_valid_samples_beside_refused_ones_and_gives_a_resend_the_same_ids(CancellationToken cancellationToken)
    {
        await using var api = await ApiApplicationFactory.StartAsync("remote_write");
        using var client = api.CreateClient();
        var now = DateTimeOffset.UtcNow;
        var stale = BitConverter.UInt64BitsToDouble(0x7ff0000000000002);
        var body = ReceiverBodies.WriteRequest(
            ("http_requests_total", [("job", "web"), ("instance", "a:9100")], [(10, now.AddSeconds(-2)), (stale, now.AddSeconds(-1)), (12, now)]),
            ("bad name!", [("job", "web")], [(1, now)]));

        using var first = await client.SendAsync(Request(body), cancellationToken);
        var refusal = await first.Content.ReadAsStringAsync(cancellationToken);
        using var resent = await client.SendAsync(Request(body), cancellationToken);
        var records = await TopicRecords.ReadAsync(api.BootstrapServers, api.Topic, 4);
        var metrics = records.Select(r => JsonDocument.Parse(r.Message.Value).RootElement).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a refused sample is a 400, which Prometheus does not retry");
            Assert.That(refusal, Does.Contain("1 of 3 samples were refused").And.Contain("bad name!"));
            Assert.That(metrics.Select(m => m.GetProperty("value").GetDouble()), Is.EqualTo(new[] { 10.0, 12.0, 10.0, 12.0 }), "the staleness marker is dropped");
            Assert.That(metrics.Select(m => m.GetProperty("name").GetString()).Distinct(), Is.EqualTo(new[] { "http_requests_total" }));
            Assert.That(metrics[0].GetProperty("labels").GetProperty("instance").GetString(), Is.EqualTo("a:9100"));
            Assert.That(metrics[0].GetProperty("timestamp").GetDateTimeOffset(), Is.EqualTo(now.AddSeconds(-2)).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(metrics.Skip(2).Select(Id), Is.EqualTo(metrics.Take(2).Select(Id)), "the resend carries the same ids");
            Assert.That(metrics.Take(2).Select(Id).Distinct().Count(), Is.EqualTo(2), "two samples, two ids");
        });
    }

    [Test, CancelAfter(60_000)]
    public async Task Answers_204_when_every_sample_was_accepted(CancellationToken cancellationToken)
    {
        await using var api = await ApiApplicationFactory.StartAsync("remote_write_ok");
        using var client = api.CreateClient();

        using var response = await client.SendAsync(Request(ReceiverBodies.WriteRequest(("up", [("job", "web")], [(1, DateTimeOffset.UtcNow)]))), cancellationToken);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private static string Id(JsonElement metric) => metric.GetProperty("id").GetString()!;

    private static HttpRequestMessage Request(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/write") { Content = content };
        request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        return request;
    }
}

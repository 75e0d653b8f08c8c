extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using api::Ingestion.Api.Model;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class Posting_a_metric : ApiFixture
{

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_single");

    [Test]
    public async Task Answers_202_after_the_broker_acknowledged_and_lands_on_the_topic_with_key_headers_and_body()
    {
        var before = DateTimeOffset.UtcNow;
        using var response = await Client.PostAsync("/api/v1/metrics", Json(
            "{\"name\":\"cpu_usage\",\"value\":85.5,\"labels\":{\"region\":\"eu\",\"host\":\"server-01\"},\"timestamp\":\"2026-11-27T10:30:00+01:00\"}"));
        var accepted = await response.Content.ReadFromJsonAsync<MetricAccepted>();

        var record = (await Landed(accepted!.Id)).Single();
        using var body = JsonDocument.Parse(record.Message.Value);
        var root = body.RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(accepted.Status, Is.EqualTo("queued"));
            Assert.That(accepted.Id.Version, Is.EqualTo(7), "new metric ids are UUIDv7");
            Assert.That(record.Message.Key, Is.EqualTo("cpu_usage{host=server-01,region=eu}"), "the series key");
            Assert.That(record.Header("message-id"), Is.EqualTo(accepted.Id.ToString()));
            Assert.That(record.Header("content-type"), Is.EqualTo("application/json"));
            Assert.That(record.Header("message-type"), Is.EqualTo("urn:message:Ingestion.Contracts:MetricRecorded"));
            Assert.That(root.GetProperty("id").GetGuid(), Is.EqualTo(accepted.Id));
            Assert.That(root.GetProperty("name").GetString(), Is.EqualTo("cpu_usage"));
            Assert.That(root.GetProperty("value").GetDouble(), Is.EqualTo(85.5));
            Assert.That(root.GetProperty("labels").GetProperty("host").GetString(), Is.EqualTo("server-01"));
            Assert.That(root.GetProperty("timestamp").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.Parse("2026-11-27T09:30:00Z", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(root.GetProperty("receivedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(before).And.LessThanOrEqualTo(DateTimeOffset.UtcNow));
        });
    }

    [Test]
    public async Task Defaults_the_timestamp_to_the_time_of_receipt()
    {
        using var response = await Client.PostAsync("/api/v1/metrics", Json("{\"name\":\"memory\",\"value\":1}"));
        var accepted = await response.Content.ReadFromJsonAsync<MetricAccepted>();

        var record = (await Landed(accepted!.Id)).Single();
        using var body = JsonDocument.Parse(record.Message.Value);

        Assert.That(body.RootElement.GetProperty("timestamp").GetDateTimeOffset(), Is.EqualTo(body.RootElement.GetProperty("receivedAt").GetDateTimeOffset()));
        Assert.That(record.Message.Key, Is.EqualTo("memory"));
    }

    [Test]
    public async Task Maps_the_same_idempotency_key_to_the_same_metric_id()
    {
        var first = await PostWithKey("order-42-cpu");
        var retry = await PostWithKey("order-42-cpu");
        var other = await PostWithKey("order-43-cpu");
        var guidKey = Guid.NewGuid();
        var asIs = await PostWithKey(guidKey.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(retry, Is.EqualTo(first));
            Assert.That(other, Is.Not.EqualTo(first));
            Assert.That(asIs, Is.EqualTo(guidKey), "a GUID key is the metric id");
        });
    }

    [Test]
    public async Task Accepts_an_unknown_content_type_parameter_but_only_json()
    {
        using var content = new StringContent("{\"name\":\"cpu\",\"value\":1}", System.Text.Encoding.UTF8, "application/json");
        content.Headers.ContentType!.CharSet = "utf-8";

        using var response = await Client.PostAsync("/api/v1/metrics", content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [TestCase("/api/v1/metrics", "{\"name\":\"bom\",\"value\":1}")]
    [TestCase("/api/v1/metrics/batch", "[{\"name\":\"bom\",\"value\":1}]")]
    public async Task Accepts_a_body_that_starts_with_a_UTF8_byte_order_mark(string path, string json)
    {
        using var content = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(json)]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await Client.PostAsync(path, content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
    }

    private async Task<Guid> PostWithKey(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/metrics") { Content = Json("{\"name\":\"cpu\",\"value\":3}") };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        return (await response.Content.ReadFromJsonAsync<MetricAccepted>())!.Id;
    }

    private async Task<List<Confluent.Kafka.ConsumeResult<string, string>>> Landed(Guid id)
    {
        var records = await TopicRecords.ReadUntilAsync(Api.BootstrapServers, Api.Topic,
            read => read.Exists(r => r.Header("message-id") == id.ToString()), TimeSpan.FromSeconds(15));
        return records.Where(r => r.Header("message-id") == id.ToString()).ToList();
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}

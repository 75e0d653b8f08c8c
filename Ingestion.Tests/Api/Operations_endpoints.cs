using System.Net;
using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class Operations_endpoints : ApiFixture
{

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_ops");

    [Test]
    public async Task Report_live_and_ready_while_kafka_and_postgres_answer()
    {
        using var live = await Client.GetAsync("/health/live");
        using var ready = await Client.GetAsync("/health/ready");

        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Describe_every_endpoint_in_the_openapi_document_and_serve_the_docs_page()
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json"));
        using var docs = await Client.GetAsync("/docs");
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(paths, Is.SupersetOf(new[] { "/api/v1/metrics", "/api/v1/metrics/batch", "/api/v1/metrics/{name}/aggregate" }));
        Assert.That(docs.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/api/v1/metrics")]
    [TestCase("/api/v1/metrics/batch")]
    public async Task Document_the_json_body_of_each_ingestion_endpoint(string path)
    {
        using var document = JsonDocument.Parse(await Client.GetStringAsync("/openapi/v1.json"));
        var post = document.RootElement.GetProperty("paths").EnumerateObject().Single(p => p.Name.TrimEnd('/') == path).Value.GetProperty("post");

        Assert.That(post.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(c => c.Name), Is.EqualTo(new[] { "application/json" }));
        Assert.That(post.GetProperty("responses").EnumerateObject().Select(r => r.Name), Is.SupersetOf(new[] { "202", "400", "401", "413", "415", "422", "503" }));
    }

    [Test]
    public async Task Expose_prometheus_text_with_requests_by_route_accepted_rejected_and_produce_latency()
    {
        using (var bad = new StringContent("{\"name\":\"cpu\",\"value\":\"x\"}", System.Text.Encoding.UTF8, "application/json"))
            (await Client.PostAsync("/api/v1/metrics", bad)).Dispose();
        using (var good = new StringContent("{\"name\":\"cpu\",\"value\":1}", System.Text.Encoding.UTF8, "application/json"))
            Assert.That((await Client.PostAsync("/api/v1/metrics", good)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        (await Client.GetAsync("/api/v1/metrics?limit=1")).Dispose();

        string text = "";
        for (var attempt = 0; attempt < 50 && !(text.Contains("ingestion_api_metrics_rejected", StringComparison.Ordinal) && text.Contains("http_route=\"/api/v1/metrics/\"", StringComparison.Ordinal)); attempt++)
        {
            await Task.Delay(100);
            text = await Client.GetStringAsync("/metrics");
        }

        Assert.That(text, Does.Contain("ingestion_api_metrics_rejected_total{").And.Contain("reason=\"validation\""));
        Assert.That(text, Does.Contain("http_server_request_duration_seconds_count{").And.Contain("http_response_status_code=\"400\""));
        Assert.That(text, Does.Match("ingestion_api_metrics_accepted_total\\{[^}]*endpoint=\"single\"[^}]*\\} 1"));
        Assert.That(text, Does.Contain("ingestion_api_produce_duration_seconds_bucket{").And.Contain("outcome=\"acked\""));
    }
}

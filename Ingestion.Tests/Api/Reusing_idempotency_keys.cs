extern alias api;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using api::Ingestion.Api.Model;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

/// <summary>Issue 19 item 7: a key names one metric; a reuse with another body is a client error (422), never a silent swap.</summary>
[TestFixture]
public sealed class Reusing_idempotency_keys : ApiFixture
{
    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_key_reuse");

    [Test]
    public async Task Answers_422_naming_the_header_when_a_key_comes_back_with_a_different_body()
    {
        var key = $"reuse-{Guid.NewGuid():N}";
        using var first = await Post("/api/v1/metrics", "{\"name\":\"cpu\",\"value\":1,\"labels\":{\"a\":\"1\",\"b\":\"2\"}}", key);
        using var retry = await Post("/api/v1/metrics", "{ \"labels\": {\"b\":\"2\", \"a\":\"1\"}, \"value\": 1.0, \"name\": \"cpu\" }", key);
        using var changed = await Post("/api/v1/metrics", "{\"name\":\"cpu\",\"value\":2,\"labels\":{\"a\":\"1\",\"b\":\"2\"}}", key);
        var problem = await changed.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the same metric, spelt differently, is a retry");
            Assert.That((await retry.Content.ReadFromJsonAsync<MetricAccepted>())!.Id, Is.EqualTo((await first.Content.ReadFromJsonAsync<MetricAccepted>())!.Id));
            Assert.That((int)changed.StatusCode, Is.EqualTo(422), problem);
            Assert.That(changed.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(Fields(problem), Does.Contain("Idempotency-Key"));
        });
    }

    [Test]
    public async Task Accepts_a_retry_that_leaves_the_timestamp_to_the_server_again()
    {
        var key = $"no-timestamp-{Guid.NewGuid():N}";
        using var first = await Post("/api/v1/metrics", "{\"name\":\"cpu\",\"value\":3}", key);
        await Task.Delay(20);
        using var retry = await Post("/api/v1/metrics", "{\"name\":\"cpu\",\"value\":3}", key);

        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Answers_422_naming_each_batch_item_whose_id_came_back_with_a_different_body_and_produces_none()
    {
        var reused = $"item-{Guid.NewGuid():N}";
        var fresh = $"item-{Guid.NewGuid():N}";
        using var first = await Post("/api/v1/metrics/batch", $"[{{\"name\":\"cpu\",\"value\":1,\"id\":\"{reused}\"}}]");
        using var changed = await Post("/api/v1/metrics/batch", $"[{{\"name\":\"cpu\",\"value\":5,\"id\":\"{fresh}\"}},{{\"name\":\"cpu\",\"value\":2,\"id\":\"{reused}\"}}]");
        var problem = await changed.Content.ReadAsStringAsync();
        using var freshAlone = await Post("/api/v1/metrics/batch", $"[{{\"name\":\"cpu\",\"value\":6,\"id\":\"{fresh}\"}}]");

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
            Assert.That((int)changed.StatusCode, Is.EqualTo(422), problem);
            Assert.That(Fields(problem), Is.EqualTo(new[] { "[1].id" }));
            Assert.That(freshAlone.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the refused batch claimed none of its keys");
        });
    }

    [Test]
    public async Task Treats_the_single_body_id_like_the_header()
    {
        var key = $"body-id-{Guid.NewGuid():N}";
        using var first = await Post("/api/v1/metrics", $"{{\"name\":\"cpu\",\"value\":1,\"id\":\"{key}\"}}");
        using var changed = await Post("/api/v1/metrics", $"{{\"name\":\"mem\",\"value\":1,\"id\":\"{key}\"}}");
        var problem = await changed.Content.ReadAsStringAsync();

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((int)changed.StatusCode, Is.EqualTo(422), problem);
        Assert.That(Fields(problem), Does.Contain("id"));
    }

    private async Task<HttpResponseMessage> Post(string path, string body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return await Client.SendAsync(request);
    }

    private static List<string> Fields(string problem)
    {
        using var document = JsonDocument.Parse(problem);
        return document.RootElement.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(p => p.Name).ToList() : [];
    }
}

using System.Net;
using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class Requiring_api_keys : ApiFixture
{

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_keys", new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = "first-key",
            ["Api:Keys:1"] = "second-key",
        });

    [TestCase(null)]
    [TestCase("")]
    [TestCase("wrong-key")]
    [TestCase("first-key ")]
    public async Task Refuses_queries_and_ingestion_without_a_configured_key(string? key)
    {
        using var query = Request(HttpMethod.Get, "/api/v1/metrics", key);
        using var ingest = Request(HttpMethod.Post, "/api/v1/metrics", key);
        ingest.Content = new StringContent("{\"name\":\"cpu\",\"value\":1}", System.Text.Encoding.UTF8, "application/json");

        using var queried = await Client.SendAsync(query);
        using var ingested = await Client.SendAsync(ingest);
        using var problem = JsonDocument.Parse(await queried.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(queried.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(ingested.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(problem.RootElement.GetProperty("detail").GetString(), Does.Contain("X-Api-Key"));
        });
    }

    [TestCase(null, "/api/v1/metrics")]
    [TestCase("wrong-key", "/api/v1/metrics/batch")]
    public async Task Answers_401_before_judging_the_content_type(string? key, string path)
    {
        using var ingest = Request(HttpMethod.Post, path, key);
        ingest.Content = new StringContent("name=cpu value=1", System.Text.Encoding.UTF8, "text/plain");

        using var response = await Client.SendAsync(ingest);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase("first-key")]
    [TestCase("second-key")]
    public async Task Serves_a_request_carrying_any_configured_key(string key)
    {
        using var query = Request(HttpMethod.Get, "/api/v1/metrics?limit=1", key);

        using var response = await Client.SendAsync(query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Scopes_idempotency_keys_to_the_callers_api_key()
    {
        var shared = $"shared-{Guid.NewGuid():N}";
        var guid = Guid.NewGuid().ToString();

        var first = await PostWithKeysAsync("first-key", shared, "{\"name\":\"cpu\",\"value\":1}");
        var second = await PostWithKeysAsync("second-key", shared, "{\"name\":\"cpu\",\"value\":2}");
        var firstAgain = await PostWithKeysAsync("first-key", shared, "{\"name\":\"cpu\",\"value\":1}");
        var firstGuid = await PostWithKeysAsync("first-key", guid, "{\"name\":\"cpu\",\"value\":1}");
        var secondGuid = await PostWithKeysAsync("second-key", guid, "{\"name\":\"cpu\",\"value\":1}");

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.EqualTo(first), "another client's identical key names another metric (and is no conflict)");
            Assert.That(firstAgain, Is.EqualTo(first), "a retry keeps its id");
            Assert.That(secondGuid, Is.Not.EqualTo(firstGuid), "GUID keys are scoped too");
        });
    }

    private async Task<Guid> PostWithKeysAsync(string apiKey, string idempotencyKey, string body)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/metrics", apiKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await response.Content.ReadAsStringAsync());
        using var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return accepted.RootElement.GetProperty("id").GetGuid();
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task Leaves_health_open(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.Unauthorized));
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? key)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        return request;
    }
}

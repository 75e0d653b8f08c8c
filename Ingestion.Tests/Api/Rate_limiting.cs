using System.Net;
using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class Rate_limiting : ApiFixture
{

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_rate", new Dictionary<string, string?>
        {
            ["Api:RateLimit:Enabled"] = "true",
            ["Api:RateLimit:PermitLimit"] = "3",
            ["Api:RateLimit:Window"] = "00:01:00",
            ["Api:Keys:0"] = "client-a",
            ["Api:Keys:1"] = "client-b",
            ["Api:Keys:2"] = "client-c",
        });

    [Test]
    public async Task Answers_429_with_retry_after_once_a_client_spent_its_window()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await Client.SendAsync(Keyed("client-a"));
            statuses.Add(last.StatusCode);
        }
        using var problem = JsonDocument.Parse(await last!.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
            Assert.That(last.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(problem.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(429));
        });
        last.Dispose();
    }

    [Test]
    public async Task Counts_each_api_key_separately()
    {
        for (var i = 0; i < 3; i++)
            (await Client.SendAsync(Keyed("client-b"))).Dispose();

        using var other = await Client.SendAsync(Keyed("client-c"));
        using var spent = await Client.SendAsync(Keyed("client-b"));

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(spent.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Gives_made_up_keys_no_budget_of_their_own()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await Client.SendAsync(Keyed($"invented-{i}"));
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Has.Member(HttpStatusCode.TooManyRequests), "all unknown keys share the address's window");
    }

    [Test]
    public async Task Does_not_limit_health_checks()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await Client.GetAsync("/health/live");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
    }

    private static HttpRequestMessage Keyed(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/metrics?limit=1");
        request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        return request;
    }
}

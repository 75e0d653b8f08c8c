using System.Globalization;
using System.Net;
using System.Text;
using Ingestion.Tests.Support;
using Ingestion.Tests.Worker;

namespace Ingestion.Tests.Api;

/// <summary>
/// Issue 13's overload repro in small: with a backlog limit of a few hundred records and no consumer yet, the API refuses
/// with 503 and Retry-After once the limit is reached, and accepts again once a worker consumed the backlog.
/// </summary>
[TestFixture]
public sealed class Admission_control
{
    private const int PerRequest = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Refuses_with_Retry_After_while_the_backlog_is_deep_and_accepts_again_once_it_is_consumed()
    {
        var group = $"admission-{Guid.NewGuid():N}";
        await using var api = await ApiApplicationFactory.StartAsync("admission", new Dictionary<string, string?>
        {
            ["Api:Admission:Enabled"] = "true",
            ["Api:Admission:GroupId"] = group,
            ["Api:Admission:MaxBacklogPerPartition"] = "300",
            ["Api:Admission:Interval"] = "00:00:00.050",
        });
        using var client = api.CreateClient();

        var accepted = 0;
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            var response = await PostBatchAsync(client, i);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                accepted += PerRequest;
                response.Dispose();
            }
            else
            {
                refused = response;
            }
        }
        var metricsWhileRefusing = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var settings = new WorkerSettings(api.Topic, group, TestInfrastructure.CreateTopic("admission-dlq", 1), api.ConnectionString);
        await using var worker = await InProcessWorker.StartAsync(settings);
        var acceptedAgain = false;
        var deadline = DateTime.UtcNow + Patience;
        while (!acceptedAgain && DateTime.UtcNow < deadline)
        {
            using var response = await PostBatchAsync(client, 1_000);
            acceptedAgain = response.StatusCode == HttpStatusCode.Accepted;
            if (!acceptedAgain) await Task.Delay(200);
        }
        var rows = await MetricsTable.WaitForCountAsync(api.ConnectionString, accepted + PerRequest, Patience, "admission_probe");

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.GreaterThanOrEqualTo(300), "admitted until the backlog reached the limit");
            Assert.That(refused?.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "refused once it did");
            Assert.That(refused?.Headers.RetryAfter?.Delta, Is.Not.Null, "with Retry-After");
            Assert.That(metricsWhileRefusing, Does.Contain("ingestion_api_admission_refusing 1"));
            Assert.That(metricsWhileRefusing, Does.Match(@"ingestion_api_admission_refused_total(\{[^}]*\})? [1-9]"));
            Assert.That(acceptedAgain, Is.True, "accepted again once the worker consumed the backlog");
            Assert.That(rows, Is.EqualTo(accepted + PerRequest), "every admitted metric stored once");
        });
        refused?.Dispose();
    }

    private static Task<HttpResponseMessage> PostBatchAsync(HttpClient client, int request)
    {
        var items = Enumerable.Range(0, PerRequest).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"name":"admission_probe","value":{{request * PerRequest + i}}}"""));
        var body = new StringContent("[" + string.Join(",", items) + "]", Encoding.UTF8, "application/json");
        return client.PostAsync(new Uri("/api/v1/metrics/batch", UriKind.Relative), body);
    }
}

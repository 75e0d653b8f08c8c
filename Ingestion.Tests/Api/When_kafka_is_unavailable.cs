using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Ingestion.Kafka.Embedded;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class When_kafka_is_unavailable
{
    private EmbeddedKafkaBroker broker = null!;
    private ApiApplicationFactory api = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        broker = EmbeddedKafkaBroker.Start();
        api = await ApiApplicationFactory.StartAsync("api_kafka_down", new Dictionary<string, string?>
        {
            ["Kafka:DeliveryTimeout"] = "00:00:02",
            ["Kafka:BreakDuration"] = "00:00:10",
        }, broker);
        client = api.CreateClient();
        // The first produce to a fresh broker also fetches metadata and a producer id; on a busy machine that can outlast
        // the short delivery timeout, so wait (bounded) until one metric is acknowledged before taking the broker down.
        var warmUp = HttpStatusCode.ServiceUnavailable;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (warmUp != HttpStatusCode.Accepted && DateTime.UtcNow < deadline)
        {
            using var response = await client.PostAsync("/api/v1/metrics", Json("{\"name\":\"warm_up\",\"value\":1}"));
            warmUp = response.StatusCode;
            if (warmUp != HttpStatusCode.Accepted)
                await Task.Delay(500);
        }
        Assert.That(warmUp, Is.EqualTo(HttpStatusCode.Accepted), "the broker works before it goes down");
        broker.SetAllBrokersDown();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        client.Dispose();
        await api.DisposeAsync();
        broker.Dispose();
    }

    [Test]
    public async Task Answers_503_with_retry_after_and_never_202_then_fast_once_the_breaker_opened()
    {
        var timings = new List<(HttpStatusCode Status, TimeSpan Elapsed, TimeSpan? RetryAfter)>();
        for (var i = 0; i < 4; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("/api/v1/metrics", Json("{\"name\":\"during_outage\",\"value\":1}"));
            timings.Add((response.StatusCode, Stopwatch.GetElapsedTime(started), response.Headers.RetryAfter?.Delta));
        }

        Assert.Multiple(() =>
        {
            Assert.That(timings.Select(t => t.Status), Is.All.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(timings.Select(t => t.RetryAfter), Is.All.GreaterThan(TimeSpan.Zero));
            Assert.That(timings.Max(t => t.Elapsed), Is.LessThan(TimeSpan.FromSeconds(5)), "bounded by the delivery timeout, never hanging");
            Assert.That(timings[^1].Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "refused at once while the breaker is open");
        });
    }

    [Test]
    public async Task Answers_503_to_a_batch_saying_which_ids_were_acknowledged()
    {
        using var response = await client.PostAsync("/api/v1/metrics/batch", Json("[{\"name\":\"a\",\"value\":1},{\"name\":\"b\",\"value\":2}]"));
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
            Assert.That(problem.RootElement.GetProperty("count").GetInt32(), Is.EqualTo(2));
            Assert.That(problem.RootElement.GetProperty("acknowledgedIds").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task Reports_not_ready()
    {
        using var response = await client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");
}

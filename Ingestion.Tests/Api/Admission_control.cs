using System.Globalization;
using System.Net;
using System.Text;
using Confluent.Kafka;
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

    /// <summary>
    /// The records limit alone cannot protect the embedded broker, which keeps 5 MiB per partition: single metrics with 32
    /// long labels are about 8 KB each, so the broker dropped the oldest unconsumed ones after about 600 while the limit of
    /// 40,000 (the one <c>./ingest up</c> uses) never refused. The byte limit refuses before anything is dropped.
    /// </summary>
    [Test]
    public async Task Refuses_large_metrics_before_the_broker_drops_any_of_them()
    {
        await using var api = await ApiApplicationFactory.StartAsync("admission-bytes", new Dictionary<string, string?>
        {
            ["Api:Admission:Enabled"] = "true",
            ["Api:Admission:GroupId"] = $"admission-bytes-{Guid.NewGuid():N}",
            ["Api:Admission:MaxBacklogPerPartition"] = "40000",
            ["Api:Admission:MaxBacklogBytesPerPartition"] = "3145728",
            ["Api:Admission:Interval"] = "00:00:00.050",
        });
        using var client = api.CreateClient();
        var labels = string.Join(",", Enumerable.Range(0, 32).Select(i => $"\"label_{i:D2}\":\"{new string((char)('a' + i % 26), 250)}\""));

        var accepted = 0;
        HttpStatusCode? refused = null;
        for (var i = 0; i < 1_500 && refused is null; i++)
        {
            using var body = new StringContent("{\"name\":\"admission_large\",\"value\":" + i.ToString(CultureInfo.InvariantCulture) + ",\"labels\":{" + labels + "}}",
                Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/api/v1/metrics", UriKind.Relative), body);
            if (response.StatusCode == HttpStatusCode.Accepted) accepted++;
            else refused = response.StatusCode;
        }

        var (low, high) = Watermarks(api.Topic);
        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "refused once the estimated stored bytes reached the limit");
            Assert.That(low, Is.Zero, "the broker dropped none of the accepted records");
            Assert.That(high, Is.EqualTo(accepted), "every accepted record is on the topic");
        });
    }

    private static (long Low, long High) Watermarks(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = $"admission-watermarks-{Guid.NewGuid():N}",
        }).Build();
        var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10));
        return (marks.Low.Value, marks.High.Value);
    }

    private static Task<HttpResponseMessage> PostBatchAsync(HttpClient client, int request)
    {
        var items = Enumerable.Range(0, PerRequest).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"name":"admission_probe","value":{{request * PerRequest + i}}}"""));
        var body = new StringContent("[" + string.Join(",", items) + "]", Encoding.UTF8, "application/json");
        return client.PostAsync(new Uri("/api/v1/metrics/batch", UriKind.Relative), body);
    }
}

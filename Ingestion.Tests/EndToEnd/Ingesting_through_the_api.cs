extern alias api;

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using api::Ingestion.Api.Model;
using Confluent.Kafka;
using Ingestion.Consumers.Statistics;
using Ingestion.Tests.Support;
using Ingestion.Tests.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.EndToEnd;

/// <summary>The whole pipeline in one process: the real API host and the real worker host on one topic and one database.</summary>
[TestFixture]
public sealed class Ingesting_through_the_api
{
    private const int Singles = 200;
    private const int Batches = 8;
    private const int BatchSize = 100;
    private const int Total = Singles + (Batches * BatchSize);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test, CancelAfter(120_000)]
    public async Task Persists_each_of_1000_posted_metrics_once_under_the_id_the_api_returned_and_serves_it_back(CancellationToken cancellationToken)
    {
        await using var api = await ApiApplicationFactory.StartAsync("e2e_api");
        var settings = new WorkerSettings(api.Topic, $"{api.Topic}-group", TestInfrastructure.CreateTopic("e2e-api-dlq", 1), api.ConnectionString);
        await using var worker = await InProcessWorker.StartAsync(settings);
        using var client = api.CreateClient();

        // Values 0..999 are unique, so every row can be matched with the request that carried it.
        var accepted = new ConcurrentDictionary<Guid, double>();
        var refused = new ConcurrentBag<string>();
        var singles = Parallel.ForEachAsync(Enumerable.Range(0, Singles),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                using var response = await client.PostAsync("/api/v1/metrics", Json(Metric("e2e_single", i, "n", i)), ct);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    refused.Add($"single {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                    return;
                }
                var body = await response.Content.ReadFromJsonAsync<MetricAccepted>(ct);
                accepted[body!.Id] = i;
            });
        var batches = Task.WhenAll(Enumerable.Range(0, Batches).Select(async b =>
        {
            var values = Enumerable.Range(Singles + (b * BatchSize), BatchSize).ToList();
            using var response = await client.PostAsync("/api/v1/metrics/batch",
                Json("[" + string.Join(",", values.Select(v => Metric("e2e_batch", v, "batch", b))) + "]"), cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                refused.Add($"batch {b}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return;
            }
            var body = await response.Content.ReadFromJsonAsync<BatchAccepted>(cancellationToken);
            for (var j = 0; j < body!.Ids.Count; j++)
                accepted[body.Ids[j]] = values[j];
        }));
        await Task.WhenAll(singles, batches);
        Assert.That(refused, Is.Empty, "every request answered 202");

        var count = await MetricsTable.WaitForCountAsync(api.ConnectionString, Total, Patience);
        var rows = (await StoredMetrics.ReadAsync(api.ConnectionString, "e2e_single"))
            .Concat(await StoredMetrics.ReadAsync(api.ConnectionString, "e2e_batch"))
            .ToList();
        var seventh = accepted.Single(a => a.Value == 7).Key;
        var page = await client.GetFromJsonAsync<MetricPage>("/api/v1/metrics?name=e2e_single&label=n:7", cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(accepted, Has.Count.EqualTo(Total), "1,000 distinct ids answered");
            Assert.That(RecordsOn(api.Topic), Is.EqualTo(Total), "each metric produced once");
            Assert.That(count, Is.EqualTo(Total));
            Assert.That(rows.Select(r => (r.Id, r.Value)), Is.EquivalentTo(accepted.Select(a => (a.Key, a.Value))),
                "one row per metric, under the id the API returned");
            Assert.That(worker.Services.GetRequiredService<WorkerStatistics>().Snapshot().DeadLettered, Is.Zero);
            Assert.That(page!.Items.Select(m => (m.Id, m.Name, m.Value, m.Labels["n"])), Is.EqualTo(new[] { (seventh, "e2e_single", 7.0, "7") }),
                "a posted metric is served back by GET /api/v1/metrics");
        });
    }

    private static string Metric(string name, int value, string label, int labelValue) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"name":"{{{name}}}","value":{{{value}}},"labels":{"{{{label}}}":"{{{labelValue}}}"}}""");

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static long RecordsOn(string topic)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = $"e2e-watermarks-{Guid.NewGuid():N}",
        }).Build();
        var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10));
        return marks.High.Value - marks.Low.Value;
    }
}

extern alias api;

using System.Net;
using System.Net.Http.Json;
using api::Ingestion.Api.Model;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class Aggregating_metrics : ApiFixture
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_aggregates");

    [OneTimeSetUp]
    public async Task Start_with_rows()
    {
        // Minute 0 holds values 1..10 on host a; minute 1 holds 100 and 200 on host a; minute 2 holds 7 on host b only.
        var rows = Enumerable.Range(1, 10).Select(i => Row(i, Start.AddSeconds(i * 5), "a"))
            .Append(Row(100, Start.AddMinutes(1), "a"))
            .Append(Row(200, Start.AddMinutes(1).AddSeconds(30), "a"))
            .Append(Row(7, Start.AddMinutes(2), "b"));
        await Api.InsertAsync(rows);
    }

    [Test]
    public async Task Computes_each_function_per_tumbling_window_in_sql()
    {
        var result = await Client.GetFromJsonAsync<AggregateResult>(
            "/api/v1/metrics/latency/aggregate?from=2026-11-21T08:00:00Z&to=2026-11-21T08:05:00Z&window=1m&fn=avg,min,max,count,sum,p95");

        var first = result!.Windows[0];
        Assert.Multiple(() =>
        {
            Assert.That(result.Windows.Select(w => w.Start), Is.EqualTo(new[] { Start, Start.AddMinutes(1), Start.AddMinutes(2) }));
            Assert.That(first.End, Is.EqualTo(Start.AddMinutes(1)));
            Assert.That(first.Values["avg"], Is.EqualTo(5.5));
            Assert.That(first.Values["min"], Is.EqualTo(1));
            Assert.That(first.Values["max"], Is.EqualTo(10));
            Assert.That(first.Values["count"], Is.EqualTo(10));
            Assert.That(first.Values["sum"], Is.EqualTo(55));
            Assert.That(first.Values["p95"], Is.EqualTo(9.55).Within(1e-9), "percentile_cont interpolates");
            Assert.That(result.Windows[1].Values["avg"], Is.EqualTo(150));
            Assert.That(result.Functions, Is.EqualTo(new[] { "avg", "min", "max", "count", "sum", "p95" }));
            Assert.That(result.Resolution, Is.EqualTo("raw"), "percentiles come from raw rows");
        });
    }

    [Test]
    public async Task Answers_whole_minutes_from_rollups_and_says_so()
    {
        using var response = await Client.GetAsync(
            "/api/v1/metrics/latency/aggregate?from=2026-11-21T08:00:00Z&to=2026-11-21T08:05:00Z&window=1m&fn=avg,min,max,count,sum");
        var result = await response.Content.ReadFromJsonAsync<AggregateResult>();

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Aggregate-Resolution"), Is.EqualTo(new[] { "1m" }));
            Assert.That(result!.Resolution, Is.EqualTo("1m"));
            Assert.That(result.Windows[0].Values, Is.EqualTo(new Dictionary<string, double?> { ["avg"] = 5.5, ["min"] = 1, ["max"] = 10, ["count"] = 10, ["sum"] = 55 }));
            Assert.That(result.Windows[1].Values["avg"], Is.EqualTo(150));
        });
    }

    [TestCase("1m", "1m")]
    [TestCase("1d", "1h")]
    public async Task Answers_the_default_last_hour_from_rollups(string window, string resolution)
    {
        await Api.InsertAsync([(Guid.NewGuid(), $"recent_{window}", 4, DateTimeOffset.UtcNow, "{}")]);

        var result = await Client.GetFromJsonAsync<AggregateResult>($"/api/v1/metrics/recent_{window}/aggregate?window={window}&fn=count");

        Assert.Multiple(() =>
        {
            Assert.That(result!.Resolution, Is.EqualTo(resolution));
            Assert.That(result.To - result.From, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(result.Windows.Sum(w => w.Values["count"]), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Answers_1e200_and_minus_1e200_in_one_window_for_every_function()
    {
        // Issue 19 item 4: these two legal values made every aggregate of their window a 500 (numeric overflow).
        var at = new DateTimeOffset(2026, 11, 21, 10, 0, 5, TimeSpan.Zero);
        await Api.InsertAsync([(Guid.NewGuid(), "ovf", 1e200, at, "{}"), (Guid.NewGuid(), "ovf", -1e200, at, "{}")]);

        foreach (var window in new[] { "1m", "45s" })
        {
            using var response = await Client.GetAsync($"/api/v1/metrics/ovf/aggregate?from=2026-11-21T10:00:00Z&to=2026-11-21T10:01:30Z&window={window}&fn=count,sum,avg,min,max,p50");
            var result = await response.Content.ReadFromJsonAsync<AggregateResult>();

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), window);
            Assert.That(result!.Windows.Single().Values, Is.EqualTo(new Dictionary<string, double?>
            {
                ["count"] = 2, ["sum"] = 0, ["avg"] = 0, ["min"] = -1e200, ["max"] = 1e200, ["p50"] = 0,
            }), window);
        }
    }

    [Test]
    public async Task Narrows_to_a_label_and_a_wider_window()
    {
        var result = await Client.GetFromJsonAsync<AggregateResult>(
            "/api/v1/metrics/latency/aggregate?from=2026-11-21T08:00:00Z&to=2026-11-21T09:00:00Z&window=5m&fn=count,max&label=host:a");

        Assert.That(result!.Windows, Has.Count.EqualTo(1));
        Assert.That(result.Windows[0].Values["count"], Is.EqualTo(12));
        Assert.That(result.Windows[0].Values["max"], Is.EqualTo(200));
    }

    private static (Guid, string, double, DateTimeOffset, string) Row(double value, DateTimeOffset at, string host) =>
        (Guid.CreateVersion7(), "latency", value, at, $"{{\"host\":\"{host}\"}}");
}

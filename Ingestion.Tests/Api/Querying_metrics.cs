extern alias api;

using System.Net;
using System.Net.Http.Json;
using api::Ingestion.Api.Model;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class Querying_metrics : ApiFixture
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_queries");

    [OneTimeSetUp]
    public async Task Start_with_rows()
    {
        // 30 cpu rows a minute apart alternating hosts, 5 memory rows; two rows share a timestamp to exercise the id tie-break.
        var rows = Enumerable.Range(0, 30).Select(i => (Guid.CreateVersion7(), "cpu", (double)i, Start.AddMinutes(i),
                $"{{\"host\":\"server-{i % 2:00}\",\"region\":\"{(i < 15 ? "eu" : "us")}\"}}"))
            .Concat(Enumerable.Range(0, 5).Select(i => (Guid.CreateVersion7(), "memory", 100.0 + i, Start.AddMinutes(i), "{\"host\":\"server-00\"}")))
            .Append((Guid.CreateVersion7(), "cpu", 99.0, Start.AddMinutes(29), "{\"host\":\"server-01\",\"region\":\"us\"}"));
        await Api.InsertAsync(rows);
    }

    [Test]
    public async Task Returns_the_newest_first_with_the_original_limit_parameter()
    {
        var page = await Client.GetFromJsonAsync<MetricPage>("/api/v1/metrics?limit=3");

        Assert.That(page!.Items.Select(m => m.Timestamp), Is.EqualTo(new[] { Start.AddMinutes(29), Start.AddMinutes(29), Start.AddMinutes(28) }));
        Assert.That(page.NextCursor, Is.Not.Null);
    }

    [Test]
    public async Task Filters_by_name_time_range_and_every_label()
    {
        var page = await Client.GetFromJsonAsync<MetricPage>(
            "/api/v1/metrics?name=cpu&label=host:server-00&label=region:eu&from=2026-11-20T12:02:00Z&to=2026-11-20T12:10:00Z");

        Assert.Multiple(() =>
        {
            Assert.That(page!.Items.Select(m => m.Value), Is.EqualTo(new[] { 8.0, 6, 4, 2 }));
            Assert.That(page.Items.All(m => m.Name == "cpu" && m.Labels["host"] == "server-00" && m.Labels["region"] == "eu"), Is.True);
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task Pages_through_every_row_once_with_the_cursor()
    {
        var seen = new List<MetricView>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/metrics?name=cpu&limit=7" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await Client.GetFromJsonAsync<MetricPage>(url);
            seen.AddRange(page!.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Has.Count.EqualTo(31));
            Assert.That(seen.Select(m => m.Id).Distinct().Count(), Is.EqualTo(31));
            Assert.That(seen.Select(m => m.Timestamp), Is.Ordered.Descending);
            Assert.That(pages, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Answers_an_empty_page_for_an_unknown_label()
    {
        using var response = await Client.GetAsync("/api/v1/metrics?label=host:nowhere");
        var page = await response.Content.ReadFromJsonAsync<MetricPage>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page!.Items, Is.Empty);
    }
}

extern alias api;

using System.Net;
using System.Net.Http.Json;
using api::Ingestion.Api.Model;
using Ingestion.Storage.Queries;
using Ingestion.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Api;

/// <summary>Issue 19 item 6: every query has a bound on the rows it reads, the values it returns and the connections it holds.</summary>
[TestFixture]
public sealed class Bounding_queries : ApiFixture
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);

    protected override Task<ApiApplicationFactory> StartApiAsync() =>
        ApiApplicationFactory.StartAsync("api_bounds", new Dictionary<string, string?>
        {
            ["Storage:MaxAggregateRows"] = "20",
            ["Storage:QueryMaxConnections"] = "1",
            ["Storage:QueryConnectionWait"] = "00:00:01",
        });

    [OneTimeSetUp]
    public async Task Start_with_rows() =>
        // 30 rows in one series, a second apart; 5 minutes later one more.
        await Api.InsertAsync(Enumerable.Range(0, 30).Select(i => (Guid.NewGuid(), "load", (double)i, Start.AddSeconds(i), "{\"host\":\"a\"}"))
            .Append((Guid.NewGuid(), "load", 1.0, Start.AddMinutes(5), "{\"host\":\"a\"}")));

    [Test]
    public async Task Refuses_an_aggregate_that_would_read_more_raw_rows_than_the_cap()
    {
        using var response = await Client.GetAsync("/api/v1/metrics/load/aggregate?from=2026-11-22T06:00:00Z&to=2026-11-22T06:10:00Z&window=90s&fn=count");
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Detail, Does.Contain("more than 20 raw rows"));
    }

    [Test]
    public async Task Answers_the_same_rows_from_rollups_under_the_cap()
    {
        var result = await Client.GetFromJsonAsync<AggregateResult>("/api/v1/metrics/load/aggregate?from=2026-11-22T06:00:00Z&to=2026-11-22T06:10:00Z&window=5m&fn=count");

        Assert.That(result!.Resolution, Is.EqualTo("1m"));
        Assert.That(result.Windows.Select(w => w.Values["count"]), Is.EqualTo(new double?[] { 30, 1 }));
    }

    [Test]
    public async Task Refuses_more_windows_times_functions_than_the_cap()
    {
        using var response = await Client.GetAsync("/api/v1/metrics/load/aggregate?from=2026-11-22T06:00:00Z&to=2026-11-22T07:00:00Z&window=1s&fn=count,min,max");
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(problem!.Errors["fn"].Single(), Does.Contain("windows x functions exceeds 10000"));
    }

    [Test]
    public async Task Answers_503_when_every_query_connection_is_busy_and_serves_again_after()
    {
        var pool = Api.Services.GetRequiredService<QueryDataSource>();
        HttpStatusCode busy;
        await using (await pool.DataSource.OpenConnectionAsync())
        {
            using var response = await Client.GetAsync("/api/v1/metrics?name=load&limit=1");
            busy = response.StatusCode;
            Assert.That(response.Headers.Contains("Retry-After"), Is.True);
        }
        using var after = await Client.GetAsync("/api/v1/metrics?name=load&limit=1");

        Assert.That((busy, after.StatusCode), Is.EqualTo((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK)));
    }

    [Test]
    public async Task Runs_queries_under_the_configured_statement_timeout()
    {
        var pool = Api.Services.GetRequiredService<QueryDataSource>();
        await using var command = pool.DataSource.CreateCommand("SHOW statement_timeout");

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("5s"));
    }

    [Test]
    public async Task Lists_the_series_that_exist()
    {
        await Api.InsertAsync([(Guid.NewGuid(), "load", 1, Start, "{\"host\":\"b\",\"dc\":\"x\"}"), (Guid.NewGuid(), "other", 1, Start, "{\"host\":\"b\"}")]);

        var byLabel = await Client.GetFromJsonAsync<SeriesList>("/api/v1/series?label=host:b");
        var byName = await Client.GetFromJsonAsync<SeriesList>("/api/v1/series?name=load&limit=1");
        var next = await Client.GetFromJsonAsync<SeriesList>($"/api/v1/series?name=load&limit=1&cursor={byName!.NextCursor}");

        Assert.Multiple(() =>
        {
            Assert.That(byLabel!.Items.Select(s => s.Name).Order(), Is.EqualTo(new[] { "load", "other" }));
            Assert.That(byName.Items.Single().Labels, Is.EqualTo(new Dictionary<string, string> { ["host"] = "a" }));
            Assert.That(next!.Items.Single().Labels, Is.EqualTo(new Dictionary<string, string> { ["host"] = "b", ["dc"] = "x" }));
            Assert.That(next.NextCursor, Is.Null);
        });
    }
}

extern alias api;

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ingestion.Tests.Support;
using DashboardAssets = api::Ingestion.Api.Operations.DashboardAssets;

namespace Ingestion.Tests.Operations;

/// <summary>The page's files are served from the API assembly, need nothing from another host, and the data asks for a key.</summary>
[TestFixture]
public sealed partial class The_dashboard_assets
{
    private const string Key = "ops-test-key";
    private ApiApplicationFactory keyed = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public async Task StartApi()
    {
        keyed = await ApiApplicationFactory.StartAsync("ops_assets", new Dictionary<string, string?> { ["Api:Keys:0"] = Key });
        client = keyed.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        client.Dispose();
        await keyed.DisposeAsync();
    }

    [Test]
    public async Task Serve_the_page_shell_without_a_key_under_a_strict_content_security_policy()
    {
        using var response = await client.GetAsync("/dashboard");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'").And.Contain("script-src 'self'"));
            Assert.That(html, Does.Contain("<script type=\"module\" src=\"/dashboard/dashboard.js\">"));
        });
    }

    [Test]
    public async Task Serve_every_referenced_script_and_stylesheet_and_answer_304_to_a_matching_etag()
    {
        foreach (var file in DashboardAssets.Files)
        {
            using var response = await client.GetAsync($"/dashboard/{file}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), file);
            using var again = new HttpRequestMessage(HttpMethod.Get, $"/dashboard/{file}");
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var revalidated = await client.SendAsync(again);
            Assert.That(revalidated.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), file);
        }
        Assert.That(DashboardAssets.Files, Is.SupersetOf(new[] { "index.html", "dashboard.css", "dashboard.js", "api.js", "render.js", "series.js", "charts.js" }));
        using var missing = await client.GetAsync("/dashboard/nope.js");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Load_nothing_from_another_host_so_the_page_works_offline()
    {
        foreach (var file in DashboardAssets.Files)
        {
            var text = await client.GetStringAsync($"/dashboard/{file}");
            // The SVG namespace is an identifier, not a fetch.
            var external = ExternalUrl().Matches(text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal)).Select(m => m.Value);
            Assert.That(external, Is.Empty, file);
        }
    }

    [Test]
    public async Task Answer_401_to_operations_data_without_the_key_and_200_with_it()
    {
        using var without = await client.GetAsync("/api/v1/ops/summary");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/ops/dlq?limit=1");
        request.Headers.Add("X-Api-Key", Key);
        using var with = await client.SendAsync(request);

        Assert.That(without.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(with.StatusCode, Is.EqualTo(HttpStatusCode.OK), await with.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Describe_the_operations_endpoints_in_the_openapi_document_and_leave_the_page_out()
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        var names = paths.EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(names, Is.SupersetOf(new[] { "/api/v1/ops/summary", "/api/v1/ops/dlq" }));
        Assert.That(names, Has.None.StartsWith("/dashboard"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(s => s.Name);
        Assert.That(schemas, Is.SupersetOf(new[] { "OpsSummary", "DeadLetterPage", "DeadLetterView", "PartitionLagView", "WorkerView" }));
    }

    [GeneratedRegex(@"https?://[^\s""'`)]+")]
    private static partial Regex ExternalUrl();
}

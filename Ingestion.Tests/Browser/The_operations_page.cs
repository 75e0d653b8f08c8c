using System.Globalization;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Ingestion.Tests.Operations;
using Ingestion.Tests.Support;
using Microsoft.Playwright;

namespace Ingestion.Tests.Browser;

/// <summary>
/// /dashboard in Debian's chromium against the real pipeline: the API on Kestrel and the worker, both in process, on real
/// PostgreSQL and the embedded broker, with metrics flowing and one poison record on the topic.
/// </summary>
[TestFixture]
public sealed class The_operations_page
{
    private const float Patience = 60_000;
    private OperationsPipeline pipeline = null!;
    private MetricLoad load = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    [OneTimeSetUp]
    public async Task StartPipelineAndBrowser()
    {
        pipeline = await OperationsPipeline.StartAsync("ops-page", kestrel: true);
        load = new MetricLoad(pipeline.Client);
        await pipeline.ProducePoisonAsync();
        (playwright, browser) = await DebianChromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopPipelineAndBrowser()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await load.DisposeAsync();
        await pipeline.DisposeAsync();
    }

    [Test, CancelAfter(120_000)]
    public async Task Shows_live_rates_the_dead_letter_with_its_reason_lag_per_partition_and_a_series_chart()
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync(new Uri(pipeline.Api.Address, "/dashboard").ToString());

        await WaitAsync(page, "() => parseFloat(document.getElementById('api-accepted').textContent.replace(/[^0-9.]/g, '')) > 0");
        await WaitAsync(page, "() => [...document.querySelectorAll('#workers-table tbody td')].some(td => td.classList.contains('num') && parseFloat(td.textContent) > 0)");
        await WaitAsync(page, "() => document.querySelector('#dlq-table tbody tr') !== null");
        await WaitAsync(page, "() => document.querySelectorAll('#series-chart circle').length > 0");
        var screenshot = await DebianChromium.ScreenshotAsync(page, "dashboard-laptop.png");
        // A figure for the record, not an assertion (timing belongs in benchmarks): docs/operations.md quotes it.
        var paint = await page.EvaluateAsync<double>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1");
        await TestContext.Out.WriteLineAsync($"first-contentful-paint: {paint:F0} ms");

        var accepted = double.Parse((await page.TextContentAsync("#api-accepted"))!.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var dlqRow = await page.Locator("#dlq-table tbody tr").First.InnerTextAsync();
        var lagPartitions = await page.Locator("#lag-table tbody tr td:first-child").AllInnerTextsAsync();
        var points = await page.Locator("#series-chart circle").CountAsync();
        var health = await page.Locator("#health li").AllInnerTextsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(accepted, Is.GreaterThan(0));
            Assert.That(dlqRow, Does.Contain("deserialization").And.Contain("ingestion-ops dlq show 0:0"));
            Assert.That(lagPartitions, Is.EqualTo(new[] { "0", "1", "2" }));
            Assert.That(points, Is.GreaterThan(0));
            Assert.That(health, Has.Some.StartsWith("Kafka").And.Some.StartsWith("PostgreSQL: healthy").And.Some.StartsWith("worker 1: ready"));
            Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(10_000));
        });
        await page.CloseAsync();
    }

    [Test, CancelAfter(120_000)]
    public async Task Fits_a_phone_screen_without_sideways_scrolling_and_draws_the_lag_threshold()
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true });
        await page.GotoAsync(new Uri(pipeline.Api.Address, "/dashboard").ToString());
        await WaitAsync(page, "() => document.querySelectorAll('#lag-table tbody tr').length === 3");
        await DebianChromium.ScreenshotAsync(page, "dashboard-phone.png");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var threshold = await page.Locator("#lag-spark line.threshold").CountAsync();

        Assert.That(overflow, Is.LessThanOrEqualTo(0));
        Assert.That(threshold, Is.EqualTo(1));
        await page.CloseAsync();
    }

    [Test, CancelAfter(120_000)]
    public async Task Stops_refreshing_while_the_tab_is_hidden_and_refreshes_at_once_when_it_is_shown_again()
    {
        var page = await browser.NewPageAsync();
        var summaries = 0;
        page.Request += (_, request) => { if (request.Url.Contains("/api/v1/ops/summary", StringComparison.Ordinal)) Interlocked.Increment(ref summaries); };
        await page.GotoAsync(new Uri(pipeline.Api.Address, "/dashboard").ToString());
        await WaitAsync(page, "() => document.querySelectorAll('#lag-table tbody tr').length === 3");

        await SetVisibilityAsync(page, "hidden");
        var whenHidden = Volatile.Read(ref summaries);
        await page.WaitForTimeoutAsync(7_000); // more than two refresh intervals
        var afterHidden = Volatile.Read(ref summaries);
        var status = await page.TextContentAsync("#status");
        var refreshed = page.WaitForRequestAsync(request => request.Url.Contains("/api/v1/ops/summary", StringComparison.Ordinal),
            new PageWaitForRequestOptions { Timeout = 5_000 });
        await SetVisibilityAsync(page, "visible");
        await refreshed;

        Assert.That(afterHidden, Is.EqualTo(whenHidden));
        Assert.That(status, Does.Contain("Paused"));
        Assert.That(Volatile.Read(ref summaries), Is.GreaterThan(afterHidden));
        await page.CloseAsync();
    }

    [Test, CancelAfter(120_000)]
    public async Task Asks_for_the_api_key_when_keys_are_required_and_sends_it_with_every_read()
    {
        const string Key = "page-test-key";
        await using var keyed = await ApiApplicationFactory.StartAsync("ops_page_keyed", new Dictionary<string, string?>
        {
            ["Api:Keys:0"] = Key,
            ["Dashboard:WorkerTopic"] = pipeline.Settings.Topic,
            ["Dashboard:WorkerGroup"] = pipeline.Settings.GroupId,
            ["Dashboard:DeadLetterTopic"] = pipeline.Settings.DeadLetterTopic,
        }, connectionString: pipeline.Settings.ConnectionString, kestrel: true);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(keyed.Address, "/dashboard").ToString());

        await WaitAsync(page, "() => !document.getElementById('key-form').hidden");
        await page.Keyboard.PressAsync("Tab"); // focus is already in the key field; Tab and Shift+Tab come back to it
        await page.Keyboard.PressAsync("Shift+Tab");
        await page.Keyboard.TypeAsync(Key);
        await page.Keyboard.PressAsync("Enter");
        await WaitAsync(page, "() => document.querySelectorAll('#lag-table tbody tr').length === 3");
        await WaitAsync(page, "() => document.getElementById('dlq-depth').textContent === '1'");

        Assert.That(await page.Locator("#key-form").IsHiddenAsync(), Is.True);
        await page.CloseAsync();
    }

    [TestCase(ColorScheme.Light)]
    [TestCase(ColorScheme.Dark)]
    [CancelAfter(120_000)]
    public async Task Passes_the_axe_accessibility_rules_of_wcag_2_1_a_and_aa_with_data_on_screen(ColorScheme scheme)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ColorScheme = scheme });
        await page.GotoAsync(new Uri(pipeline.Api.Address, "/dashboard").ToString());
        await WaitAsync(page, "() => document.querySelector('#dlq-table tbody tr') !== null && document.querySelectorAll('#series-chart circle').length > 0");

        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}");
        Assert.That(violations, Is.Empty);
        Assert.That(result.Passes, Is.Not.Empty);
        await page.CloseAsync();
    }

    private static Task SetVisibilityAsync(IPage page, string state) => page.EvaluateAsync(
        "state => { Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state }); document.dispatchEvent(new Event('visibilitychange')); }",
        state);

    private static async Task WaitAsync(IPage page, string condition, float timeout = Patience)
    {
        try
        {
            await page.WaitForFunctionAsync(condition, null, new PageWaitForFunctionOptions { Timeout = timeout, PollingInterval = 200 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The page did not reach {condition} within {timeout / 1000:F0} s. Status: {await page.TextContentAsync("#status")}");
        }
    }
}

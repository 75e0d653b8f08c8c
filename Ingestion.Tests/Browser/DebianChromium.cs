using Microsoft.Playwright;

namespace Ingestion.Tests.Browser;

/// <summary>
/// Debian's chromium, driven headless by Playwright through <c>ExecutablePath</c>: Playwright's own browser download is never
/// used (it cannot work here). <c>./ingest test</c> installs the package; <c>INGESTION_CHROMIUM</c> points at another binary.
/// </summary>
internal static class DebianChromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("INGESTION_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            Assert.Fail($"{ExecutablePath} is missing: install Debian's chromium package (./ingest test installs it) or set INGESTION_CHROMIUM.");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // Tests and CI run as root, where Chromium's sandbox cannot start; /dev/shm is small in containers.
                Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Saves a PNG of the whole page under the test's work directory and attaches it to the test result.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
        return file;
    }
}

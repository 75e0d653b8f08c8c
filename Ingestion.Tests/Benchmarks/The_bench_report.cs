using Ingestion.Benchmarks.Suite.Report;

namespace Ingestion.Tests.Benchmarks;

[TestFixture]
public sealed class The_bench_report
{
    [Test]
    public void Shows_each_measure_as_its_median_with_the_spread_and_every_run()
    {
        var page = MarkdownReport.Write(SampleResults.Run(10_000, 20), "benchmarks/charts/");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("| 64 connections: requests/s (req/s) | **10,000** | 9,000–11,000 | 9,000 · 10,000 · 11,000 |"));
            Assert.That(page, Does.Contain("| 64 connections: p99 (ms) | **20** | 10–40 | 20 · 40 · 10 |"));
        });
    }

    [Test]
    public void Names_the_machine_the_commit_the_load_and_the_commands()
    {
        var page = MarkdownReport.Write(SampleResults.Run(10_000, 20), "benchmarks/charts/");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("| commit | `abc1234` |"));
            Assert.That(page, Does.Contain("2 cores, 23.5 GiB, Debian 12"));
            Assert.That(page, Does.Contain("before 0.50, 0.40, 0.30; after 1.50, 0.90, 0.50"));
            Assert.That(page, Does.Contain("./ingest bench --quick"));
        });
    }

    [Test]
    public void Links_each_chart_under_its_phase_and_says_why_a_phase_did_not_run()
    {
        var page = MarkdownReport.Write(SampleResults.Run(10_000, 20), "benchmarks/charts/");

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("![latency per connection count](benchmarks/charts/api-latency.png)"));
            Assert.That(page, Does.Contain("Not run: the API serves no receiver"));
        });
    }

    [Test]
    public void Puts_the_caveat_of_a_busy_machine_at_the_top()
    {
        var results = SampleResults.Run(10_000, 20);
        results.Caveat = "Busy machine: load average 17.5 on 2 cores before the run.";

        var page = MarkdownReport.Write(results, "benchmarks/charts/");

        Assert.That(page.IndexOf("> **Busy machine", StringComparison.Ordinal), Is.LessThan(page.IndexOf("| commit |", StringComparison.Ordinal)).And.GreaterThan(0));
    }

    [Test]
    public void Marks_a_failed_integrity_check_and_counts_the_failures()
    {
        var results = SampleResults.Run(10_000, 20,
            new IntegrityCheck("e2e", "rows stored of the metrics accepted", 40_000, 39_998),
            new IntegrityCheck("worker", "duplicate rows", 0, 0),
            new IntegrityCheck("api", "202s on the topic", 100, 120) { AtLeast = true });

        var page = MarkdownReport.Write(results, "benchmarks/charts/");

        Assert.Multiple(() =>
        {
            Assert.That(results.IntegrityHolds, Is.False);
            Assert.That(page, Does.Contain("**FAILED: 1 of 3 checks**"));
            Assert.That(page, Does.Contain("| e2e | rows stored of the metrics accepted | 40,000 | 39,998 | **NO** |"));
            Assert.That(page, Does.Contain("| api | 202s on the topic | ≥ 100 | 120 | yes |"));
        });
    }
}

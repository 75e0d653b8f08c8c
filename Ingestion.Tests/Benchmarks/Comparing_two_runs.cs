using Ingestion.Benchmarks.Suite.Report;

namespace Ingestion.Tests.Benchmarks;

[TestFixture]
public sealed class Comparing_two_runs
{
    [Test]
    public void Gives_new_over_old_for_every_median_both_runs_measured()
    {
        var rows = ResultComparison.Compare(SampleResults.Run(10_000, 20), SampleResults.Run(15_000, 10));

        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Label), Is.EqualTo(new[] { "64 connections: requests/s", "64 connections: p99" }));
            Assert.That(rows[0].Ratio, Is.EqualTo(1.5).Within(1e-9));
            Assert.That(rows[1].Ratio, Is.EqualTo(0.5).Within(1e-9));
        });
    }

    [Test]
    public void Calls_a_higher_rate_and_a_lower_latency_better()
    {
        var rows = ResultComparison.Compare(SampleResults.Run(10_000, 20), SampleResults.Run(15_000, 10));

        Assert.That(rows.Select(r => r.Verdict), Is.EqualTo(new[] { "better", "better" }));
    }

    [Test]
    public void Calls_a_lower_rate_and_a_higher_latency_worse_and_small_changes_the_same()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ResultComparison.Verdict(0.8, higherIsBetter: true), Is.EqualTo("worse"));
            Assert.That(ResultComparison.Verdict(1.3, higherIsBetter: false), Is.EqualTo("worse"));
            Assert.That(ResultComparison.Verdict(1.04, higherIsBetter: true), Is.EqualTo("same"));
            Assert.That(ResultComparison.Verdict(double.NaN, higherIsBetter: true), Is.EqualTo("n/a"));
        });
    }

    [Test]
    public void Skips_measures_that_only_one_run_has()
    {
        var old = SampleResults.Run(10_000, 20);
        var current = SampleResults.Run(10_000, 20);
        current.Phases[0].Measure("c256.rps", "256 connections: requests/s", "req/s", higherIsBetter: true).Add(17_000);

        Assert.That(ResultComparison.Compare(old, current), Has.Count.EqualTo(2));
    }

    [Test]
    public void Reads_back_what_the_results_file_wrote()
    {
        var written = SampleResults.Run(10_000, 20, new IntegrityCheck("e2e", "rows", 5, 5));
        written.Phases[0].Measure("c16.max", "16 connections: max", "ms", higherIsBetter: false).Add(double.NaN);

        var read = ResultsFile.Deserialize(ResultsFile.Serialize(written));

        Assert.Multiple(() =>
        {
            Assert.That(read.Phases[0].Measures.Select(m => m.Median), Is.EqualTo(written.Phases[0].Measures.Select(m => m.Median)));
            Assert.That(read.Integrity.Single().Holds, Is.True);
            Assert.That(read.Charts, Is.EqualTo(written.Charts));
            Assert.That(ResultComparison.Format(ResultComparison.Compare(written, read), written, read), Does.Contain("1.00×  same"));
        });
    }
}

using Ingestion.Benchmarks.Suite.Report;
using Ingestion.Benchmarks.Suite.Running;

namespace Ingestion.Tests.Benchmarks;

[TestFixture]
public sealed class Judging_whether_the_machine_was_quiet
{
    [Test]
    public void Calls_a_run_busy_when_the_cores_were_busy_before_it_whatever_the_load_average()
    {
        var caveat = RunConditions.Caveat(null, busyPercentBefore: 60, loadAverage: "0.40, 0.30, 0.20", cores: 2);

        Assert.That(caveat, Does.StartWith("Busy machine: the 2 cores were 60% busy").And.Contain("load average 0.40, 0.30, 0.20"));
    }

    [Test]
    public void Calls_a_run_quiet_when_only_the_load_average_remembers_an_earlier_benchmark()
    {
        Assert.Multiple(() =>
        {
            Assert.That(RunConditions.Caveat(null, busyPercentBefore: 3, loadAverage: "3.62, 3.62, 3.70", cores: 2), Is.Null);
            Assert.That(RunConditions.Caveat("Given by hand.", busyPercentBefore: 3, loadAverage: "3.62, 3.62, 3.70", cores: 2), Is.EqualTo("Given by hand."));
        });
    }

    [Test]
    public async Task Samples_the_share_of_the_cores_that_was_busy()
    {
        var spinning = Task.Run(() =>
        {
            var until = DateTime.UtcNow.AddMilliseconds(900);
            var x = 0L;
            while (DateTime.UtcNow < until) x++;
            return x;
        });

        var busy = await RunConditions.SampleBusyPercentAsync(TimeSpan.FromMilliseconds(800));
        await spinning;

        // One spinning thread keeps at least one core of this machine's busy for the whole window.
        Assert.That(busy, Is.InRange(100.0 / Environment.ProcessorCount * 0.6, 100.0));
    }

    [Test]
    public void Shows_how_busy_the_cores_were_before_the_run_in_the_report()
    {
        var results = SampleResults.Run(10_000, 20);
        results.Machine.BusyPercentBefore = 4;

        var page = MarkdownReport.Write(results, "benchmarks/charts/");

        Assert.That(page, Does.Contain("| cores busy just before the run | 4% (over 5 s; above 25% the run is marked busy) |"));
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace Ingestion.Tests.Worker;

/// <summary>The worker as a real process, killed and signalled while records stream in.</summary>
public sealed partial class The_worker_process
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Survives_three_SIGKILLs_mid_stream_with_every_row_exactly_once()
    {
        var settings = await WorkerSettings.CreateAsync("process-kill", partitions: 4);
        var load = BackgroundLoad.Start(settings.Topic, "killed", total: 20_000, chunk: 500, pause: TimeSpan.FromMilliseconds(100));
        var worker = WorkerProcess.Start(settings);
        try
        {
            foreach (var threshold in new[] { 2_000, 7_000, 12_000 })
            {
                await worker.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
                var reached = await MetricsTable.WaitForCountAsync(settings.ConnectionString, threshold, Patience);
                TestContext.Progress.WriteLine($"{DateTime.UtcNow:T} rows {reached}, killing worker {worker.Id}");
                Assert.That(reached, Is.GreaterThanOrEqualTo(threshold), $"rows before the kill at {threshold}:\n{worker.Output}");
                await worker.KillAsync();
                await worker.DisposeAsync();
                worker = WorkerProcess.Start(settings);
            }
            await load.Completion;
            TestContext.Progress.WriteLine($"{DateTime.UtcNow:T} load produced");
            var rows = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 20_000, Patience);
            TestContext.Progress.WriteLine($"{DateTime.UtcNow:T} rows {rows}");
            var ids = await MetricsTable.IdsAsync(settings.ConnectionString);

            Assert.Multiple(() =>
            {
                Assert.That(rows, Is.EqualTo(20_000), worker.Output);
                Assert.That(ids, Is.SupersetOf(load.SuppliedIds));
                Assert.That(RawTopic.ReadAll(settings.DeadLetterTopic, 0, TimeSpan.FromSeconds(2), TimeSpan.Zero), Is.Empty);
            });
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    [Test]
    public async Task Exits_0_on_SIGTERM_under_load_within_the_shutdown_timeout_and_commits_what_it_wrote()
    {
        var settings = await WorkerSettings.CreateAsync("process-term", partitions: 4);
        var load = BackgroundLoad.Start(settings.Topic, "terminated", total: 15_000, chunk: 500, pause: TimeSpan.FromMilliseconds(100));
        await using var first = WorkerProcess.Start(settings);
        await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        await MetricsTable.WaitForCountAsync(settings.ConnectionString, 3_000, Patience);

        var outputBeforeStop = first.Output.Length;
        var (exitCode, elapsed) = await first.TerminateAsync(TimeSpan.FromSeconds(30));
        var stopOutput = first.Output[outputBeforeStop..];
        await load.Completion;
        await using var second = WorkerProcess.Start(settings);
        await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        var rows = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 15_000, Patience);
        var (processed, persisted) = await CountersAsync(second);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.Zero, first.Output);
            Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "within the default shutdown timeout");
            Assert.That(stopOutput, Does.Not.Contain("fail:").And.Not.Contain("crit:"), "errors while stopping");
            Assert.That(rows, Is.EqualTo(15_000));
            // Everything the first worker wrote was committed on the way out: the second one re-reads none of it.
            Assert.That(processed, Is.EqualTo(persisted), "records the second worker found already written");
        });
    }

    private static async Task<(long Processed, long Persisted)> CountersAsync(WorkerProcess worker)
    {
        var text = await worker.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return (Counter(text, "ingestion_worker_processed_total"), Counter(text, "ingestion_worker_persisted_total"));
    }

    private static long Counter(string prometheus, string name)
    {
        var match = Regex.Match(prometheus, $@"^{name}(?:\{{[^}}]*\}})? (\d+)", RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;
    }
}

using Npgsql;

namespace Ingestion.Tests.Worker;

public sealed class The_worker_process_at_start
{
    [Test]
    public async Task Exits_1_with_one_clear_sentence_and_no_crash_dump_when_PostgreSQL_never_answers()
    {
        var settings = await WorkerSettings.CreateAsync("process-start");
        var nowhere = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Port = 1, Timeout = 2 };
        settings = settings with { ConnectionString = nowhere.ConnectionString };
        settings.Overrides["Storage:StartupRetryAttempts"] = "1";

        await using var worker = WorkerProcess.Start(settings);
        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1), worker.Output);
            Assert.That(worker.Output, Does.Contain("did not answer after 2 attempts"));
            Assert.That(worker.Output, Does.Not.Contain("Unhandled exception"));
        });
    }
}

using Ingestion.Consumers.Statistics;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Worker;

/// <summary>Stops a PostgreSQL server of its own (never the shared one) under load and starts it again.</summary>
public sealed class The_worker_during_a_database_outage
{
    [Test]
    public async Task Loses_nothing_dead_letters_nothing_and_catches_up_by_itself()
    {
        await using var postgres = await ThrowawayPostgres.StartAsync();
        var database = await postgres.CreateDatabaseAsync("outage");
        // The throwaway cluster runs with synchronous_commit=off for speed, so an immediate stop forgets the last
        // acknowledged commits; a real server acknowledges only durable commits, so restore that for this database.
        // Unpooled: a session opened before the ALTER keeps the old setting, and the worker would reuse a pooled one.
        await using (var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("ALTER DATABASE outage SET synchronous_commit = on", connection);
            await command.ExecuteNonQueryAsync();
        }
        var shared = await WorkerSettings.CreateAsync("worker-outage", partitions: 3);
        var settings = shared with { ConnectionString = database };
        await using var worker = await InProcessWorker.StartAsync(settings);
        var load = BackgroundLoad.Start(settings.Topic, "outage", total: 12_000, chunk: 400, pause: TimeSpan.FromMilliseconds(100));

        await MetricsTable.WaitForCountAsync(database, 1_000, TimeSpan.FromSeconds(60));
        await postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(15)); // the outage itself: records keep arriving meanwhile
        var failedDuringOutage = worker.Services.GetRequiredService<WorkerStatistics>().Snapshot().Failed;
        await postgres.RestartAsync();
        TestContext.Progress.WriteLine($"{DateTime.UtcNow:T} PostgreSQL back after 15 s; {load.Produced} produced");
        await load.Completion;
        var rows = await MetricsTable.WaitForCountAsync(database, 12_000, TimeSpan.FromSeconds(90));
        TestContext.Progress.WriteLine($"{DateTime.UtcNow:T} rows {rows}");
        if (rows < 12_000)
        {
            await using var connection = new Npgsql.NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT value::int, labels->>'series' FROM metrics_with_series", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var present = new HashSet<int>();
            while (await reader.ReadAsync()) present.Add(reader.GetInt32(0));
            var missing = Enumerable.Range(0, 12_000).Where(i => !present.Contains(i)).ToList();
            TestContext.Progress.WriteLine($"missing {missing.Count}: {string.Join(' ', missing.Take(80))}");
            foreach (var line in (await worker.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Split('\n').Where(l => l.StartsWith("ingestion_", StringComparison.Ordinal) && !l.Contains("_bucket", StringComparison.Ordinal)))
                TestContext.Progress.WriteLine("  " + line);
        }
        var ids = await MetricsTable.IdsAsync(database);

        Assert.Multiple(() =>
        {
            Assert.That(failedDuringOutage, Is.GreaterThan(0), "the outage was felt");
            Assert.That(rows, Is.EqualTo(12_000), $"rows the worker reported as inserted: {worker.Services.GetRequiredService<WorkerStatistics>().Snapshot().Persisted}");
            Assert.That(ids, Is.SupersetOf(load.SuppliedIds));
            Assert.That(RawTopic.ReadAll(settings.DeadLetterTopic, 0, TimeSpan.FromSeconds(2), TimeSpan.Zero), Is.Empty);
            Assert.That(worker.Services.GetRequiredService<WorkerStatistics>().Snapshot().DeadLettered, Is.Zero);
        });
    }
}

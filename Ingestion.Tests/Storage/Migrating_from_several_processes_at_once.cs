using Ingestion.Storage.Migrating;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>
/// <c>./ingest up</c> starts the API and the workers together, and each migrates on start: every one must succeed and
/// each migration must be applied once (CI saw "42P07: relation already exists" kill a worker when two raced).
/// </summary>
public sealed class Migrating_from_several_processes_at_once
{
    private const int Processes = 4;

    [Test]
    public async Task Every_migrator_succeeds_and_one_of_them_applies_each_migration_on_an_empty_database()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("migration_race");

        var applied = await MigrateTogetherAsync(connectionString);

        Assert.Multiple(() =>
        {
            Assert.That(applied.SelectMany(a => a).ToList(), Has.Count.EqualTo(4).And.Unique);
            Assert.That(applied.Count(a => a.Count == 0), Is.EqualTo(Processes - 1));
        });
    }

    [Test]
    public async Task Every_migrator_succeeds_when_the_database_does_not_exist_yet()
    {
        var existing = await TestInfrastructure.CreateDatabaseAsync("migration_race_missing");
        var missing = new NpgsqlConnectionStringBuilder(existing) { Database = $"never_created_{Guid.NewGuid():N}" };

        var applied = await MigrateTogetherAsync(missing.ConnectionString);

        Assert.That(applied.SelectMany(a => a).ToList(), Has.Count.EqualTo(4).And.Unique);
        Assert.That(await The_metrics_database_migration.QueryAsync(missing.ConnectionString, "SELECT count(*)::text FROM metrics"),
            Is.EqualTo(new[] { "0" }));
    }

    private static async Task<IReadOnlyList<string>[]> MigrateTogetherAsync(string connectionString)
    {
        // One service provider per "process", each with its own connection pool, released together.
        var providers = Enumerable.Range(0, Processes).Select(_ => StorageServices.For(connectionString)).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = providers.Select(async services =>
            {
                await start.Task;
                return await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
            }).ToList();
            start.SetResult();
            return await Task.WhenAll(runs);
        }
        finally
        {
            foreach (var services in providers)
                await services.DisposeAsync();
        }
    }
}

using Ingestion.Storage.Migrating;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Storage;

public sealed class The_metrics_database_migration
{
    [Test]
    public async Task Creates_the_partitioned_metrics_table_with_its_indexes_and_applies_nothing_the_second_time()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("migration");
        await using var services = StorageServices.For(connectionString);
        var migrator = services.GetRequiredService<MetricsDatabaseMigrator>();

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        var indexes = await QueryAsync(connectionString, "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE tablename = 'metrics'");
        var columns = await QueryAsync(connectionString,
            "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = 'metrics' ORDER BY ordinal_position");
        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Count.EqualTo(4).And.Some.EndsWith("_InitialMetrics").And.Some.EndsWith("_StorageForYears")
                .And.Some.EndsWith("_SeriesIdOnRawRows").And.Some.EndsWith("_TimeOrderedKey"));
            Assert.That(second, Is.Empty);
            Assert.That(columns, Is.EqualTo(new[]
            {
                "id uuid", "series_id integer", "value double precision", "timestamp timestamp with time zone",
                "received_at timestamp with time zone", "ingested_at timestamp with time zone",
            }));
            Assert.That(indexes, Has.Some.EqualTo("pk_metrics: CREATE UNIQUE INDEX pk_metrics ON ONLY public.metrics USING btree (\"timestamp\", id)"));
            Assert.That(indexes, Has.Some.EqualTo("ix_metrics_series_timestamp: CREATE INDEX ix_metrics_series_timestamp ON ONLY public.metrics USING btree (series_id, \"timestamp\" DESC)"));
            Assert.That(indexes, Has.Some.EqualTo("ix_metrics_stamped_id: CREATE INDEX ix_metrics_stamped_id ON ONLY public.metrics USING btree (id) "
                + "WHERE (\"timestamp\" = received_at)"));
            Assert.That(indexes, Has.Count.EqualTo(3), "no index of its own for time order: the primary key serves it");
        });
    }

    [Test]
    public async Task Creates_the_database_when_it_does_not_exist()
    {
        var existing = await TestInfrastructure.CreateDatabaseAsync("migration_missing");
        var missing = new NpgsqlConnectionStringBuilder(existing) { Database = $"never_created_{Guid.NewGuid():N}" };
        await using var services = StorageServices.For(missing.ConnectionString);

        var applied = await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.That(applied, Has.Count.EqualTo(4));
        Assert.That(await QueryAsync(missing.ConnectionString, "SELECT count(*)::text FROM metrics"), Is.EqualTo(new[] { "0" }));
    }

    [Test]
    public async Task Gives_up_with_one_clear_sentence_when_PostgreSQL_never_answers()
    {
        // A port nothing listens on: every attempt is refused, so the bounded retry runs out quickly.
        var nowhere = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnectionString) { Port = 1, Timeout = 2 };
        await using var services = StorageServices.For(nowhere.ConnectionString, startupRetryAttempts: 2);

        var failure = Assert.ThrowsAsync<StorageUnavailableException>(
            () => services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None));

        Assert.That(failure!.Message, Does.StartWith("PostgreSQL at 127.0.0.1:1 (database 'postgres') did not answer after 3 attempts"));
    }

    [Test]
    public async Task Gives_up_after_one_attempt_when_told_not_to_wait_for_PostgreSQL()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnectionString) { Port = 1, Timeout = 2 };
        await using var services = StorageServices.For(nowhere.ConnectionString, startupRetryAttempts: 0);

        var failure = Assert.ThrowsAsync<StorageUnavailableException>(
            () => services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None));

        Assert.That(failure!.Message, Does.StartWith("PostgreSQL at 127.0.0.1:1 (database 'postgres') did not answer after 1 attempts"));
    }

    internal static async Task<List<string>> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
            rows.Add(reader.GetString(0));
        return rows;
    }
}

using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>From the partitioned schema whose raw rows carry name and labels (StorageForYears), with rows in it, to series ids.</summary>
public sealed class Migrating_raw_rows_to_series_ids
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddDays(-3);

    [Test]
    public async Task Keeps_every_row_with_its_name_and_labels_leaves_the_rollups_alone_and_reports_progress()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("migrate_series_ids");
        await using var services = StorageServices.For(connectionString);
        await using (var context = await services.GetRequiredService<IDbContextFactory<MetricsDbContext>>().CreateDbContextAsync())
            await context.GetService<IMigrator>().MigrateAsync("20261130010729_StorageForYears");
        // 4 series over 4 UTC days; the old writer made their series and rollups. Rows inserted by hand have no series yet.
        var rows = Enumerable.Range(0, 1200).Select(i => (Id: Guid.NewGuid(), Name: i % 4 == 3 ? "mem" : "cpu",
                Value: i * 0.5, At: Start.AddSeconds(i * 240), Labels: $"{{\"host\": \"h{i % 3}\"}}"))
            .ToList();
        await InsertWithNamesAsync(connectionString, rows, withRollups: true);
        var byHand = (Id: Guid.NewGuid(), Name: "disk", Value: 7.0, At: Start.AddHours(1), Labels: "{\"host\": \"h9\", \"mount\": \"/\"}");
        await InsertWithNamesAsync(connectionString, [byHand], withRollups: false);
        var rollupsBefore = await RollupsAsync(connectionString);
        var progress = new List<string>();

        var applied = await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(new Progress(progress), CancellationToken.None);

        var stored = await The_metrics_database_migration.QueryAsync(connectionString,
            "SELECT id::text || ' ' || name || ' ' || labels::text || ' ' || value FROM metrics_with_series");
        var expected = rows.Append(byHand).Select(r => $"{r.Id} {r.Name} {r.Labels} {r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        var again = await services.GetRequiredService<MetricWriter>().WriteAsync(
            [.. rows.Take(10).Select(r => new MetricRecorded { Id = r.Id, Name = r.Name, Value = r.Value, Timestamp = r.At,
                Labels = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(r.Labels) })],
            CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(applied, Is.EqualTo(new[] { "20261130042043_SeriesIdOnRawRows", "20261130102312_TimeOrderedKey" }));
            Assert.That(stored, Is.EquivalentTo(expected));
            Assert.That(await RollupsAsync(connectionString), Is.EqualTo(rollupsBefore));
            Assert.That(again, Is.Zero, "the moved rows still make a redelivery a no-op");
            Assert.That(progress, Has.Some.StartsWith($"moved {rows.Count + 1} of {rows.Count + 1} rows to series ids"));
            Assert.That(await The_metrics_database_migration.QueryAsync(connectionString, "SELECT count(*)::text FROM pg_class WHERE relname LIKE '%before_series%'"),
                Is.EqualTo(new[] { "0" }));
        });
    }

    private static Task<List<string>> RollupsAsync(string connectionString) => The_metrics_database_migration.QueryAsync(connectionString, """
        SELECT 'm ' || series_id || ' ' || bucket || ' ' || count || ' ' || sum FROM rollup_1m
        UNION ALL SELECT 'h ' || series_id || ' ' || bucket || ' ' || count || ' ' || sum FROM rollup_1h ORDER BY 1
        """);

    /// <summary>Rows as the previous writer stored them (name and labels on the row), with its series and rollups or without.</summary>
    private static async Task InsertWithNamesAsync(string connectionString, IEnumerable<(Guid Id, string Name, double Value, DateTimeOffset At, string Labels)> rows, bool withRollups)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection);
        foreach (var row in rows)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "INSERT INTO metrics (id, name, value, \"timestamp\", labels, received_at) VALUES ($1, $2, $3, $4, $5::jsonb, $4)")
            {
                Parameters = { new() { Value = row.Id }, new() { Value = row.Name }, new() { Value = row.Value }, new() { Value = row.At.UtcDateTime }, new() { Value = row.Labels } },
            });
        }
        if (withRollups)
        {
            foreach (var statement in PreviousRollups.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
        }
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>Series and rollups of every row so far, as migration StorageForYears built them.</summary>
    private const string PreviousRollups = """
        INSERT INTO series (key, name, labels)
        SELECT DISTINCT ingestion_series_key(name, labels), name, labels FROM metrics ON CONFLICT (key) DO NOTHING;
        INSERT INTO rollup_1m (series_id, bucket, count, sum, min, max)
        SELECT s.id, date_bin('1 minute', m."timestamp", TIMESTAMPTZ 'epoch'), count(*), sum(m.value::numeric), min(m.value), max(m.value)
        FROM metrics m JOIN series s ON s.key = ingestion_series_key(m.name, m.labels) GROUP BY 1, 2;
        INSERT INTO rollup_1h (series_id, bucket, count, sum, min, max)
        SELECT series_id, date_bin('1 hour', bucket, TIMESTAMPTZ 'epoch'), sum(count), sum(sum), min(min), max(max) FROM rollup_1m GROUP BY 1, 2;
        """;

    /// <summary>Records reports as they happen (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class Progress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
                lines.Add(value);
        }
    }
}

using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>From the schema before partitioning (one plain <c>metrics</c> table) with rows in it, to today's.</summary>
public sealed class Migrating_a_database_with_rows
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 22, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Keeps_every_row_builds_their_rollups_and_reports_progress()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("migrate_rows");
        await using var services = StorageServices.For(connectionString);
        await using (var context = await services.GetRequiredService<IDbContextFactory<MetricsDbContext>>().CreateDbContextAsync())
            await context.GetService<IMigrator>().MigrateAsync("20261127225832_InitialMetrics");
        // 3 series over 4 UTC days (the copy goes day by day), 2,000 rows, one more far in the past.
        var rows = Enumerable.Range(0, 2000).Select(i => (Id: Guid.NewGuid(), Name: i % 3 == 2 ? "mem" : "cpu",
                Value: i * 0.25, At: Start.AddSeconds(i * 97), Labels: $"{{\"host\":\"h{i % 3}\"}}"))
            .Append((Id: Guid.NewGuid(), Name: "cpu", Value: 42.0, At: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), Labels: "{\"host\":\"h0\"}"))
            .ToList();
        await InsertBeforePartitioningAsync(connectionString, rows);
        var progress = new List<string>();

        var applied = await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(new SynchronousProgress(progress), CancellationToken.None);

        var stored = await The_metrics_database_migration.QueryAsync(connectionString, "SELECT id::text FROM metrics");
        var rollups = await The_metrics_database_migration.QueryAsync(connectionString, """
            SELECT s.name || s.labels::text || ' ' || r.count || ' ' || r.sum || ' ' || r.min || ' ' || r.max
            FROM rollup_1h r JOIN series s ON s.id = r.series_id ORDER BY 1
            """);
        var expected = rows.GroupBy(r => (r.Name, r.Labels, Hour: new DateTimeOffset(r.At.UtcTicks - r.At.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero)))
            .Select(g => $"{g.Key.Name}{g.Key.Labels.Replace(":", ": ", StringComparison.Ordinal)} {g.Count()} {Decimal(g.Sum(r => (decimal)r.Value))} {g.Min(r => r.Value)} {g.Max(r => r.Value)}")
            .Order(StringComparer.Ordinal).ToList();
        var minuteCount = await The_metrics_database_migration.QueryAsync(connectionString, "SELECT sum(count)::text FROM rollup_1m");
        Assert.Multiple(() =>
        {
            Assert.That(applied, Is.EqualTo(new[] { "20261130010729_StorageForYears", "20261130042043_SeriesIdOnRawRows", "20261130102312_TimeOrderedKey" }));
            Assert.That(stored, Is.EquivalentTo(rows.Select(r => r.Id.ToString())));
            Assert.That(rollups, Is.EqualTo(expected.Order(StringComparer.Ordinal)));
            Assert.That(minuteCount, Is.EqualTo(new[] { rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            Assert.That(progress, Has.Some.StartsWith($"copied {rows.Count} of {rows.Count} rows"));
            Assert.That(progress, Has.Some.StartsWith("built 1-minute rollups for 5 of 5 days"));
        });
    }

    private static string Decimal(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task InsertBeforePartitioningAsync(string connectionString, IEnumerable<(Guid Id, string Name, double Value, DateTimeOffset At, string Labels)> rows)
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
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>Records reports as they happen (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class SynchronousProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
                lines.Add(value);
        }
    }
}

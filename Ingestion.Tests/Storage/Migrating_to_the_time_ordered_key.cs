using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Storage;

/// <summary>
/// Migration TimeOrderedKey, on a database whose raw rows are keyed (id, timestamp) with rows in several day partitions:
/// the key becomes ("timestamp", id) on every partition, ix_metrics_timestamp_id goes, and every row stays.
/// </summary>
public sealed class Migrating_to_the_time_ordered_key
{
    [Test]
    public async Task Keeps_every_row_rekeys_every_partition_drops_the_time_index_and_reports_progress()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("migrate_time_key");
        await using var services = StorageServices.For(connectionString);
        await using (var context = await services.GetRequiredService<IDbContextFactory<MetricsDbContext>>().CreateDbContextAsync())
            await context.GetService<IMigrator>().MigrateAsync("20261130042043_SeriesIdOnRawRows");
        var start = DateTimeOffset.UtcNow.AddDays(-4);
        MetricRecorded[] rows = [.. Enumerable.Range(0, 1200).Select(i => new MetricRecorded
        {
            Id = i % 2 == 0 ? Guid.CreateVersion7() : Writing_a_record_again.KeyDerivedId(), Name = i % 4 == 3 ? "mem" : "cpu",
            Value = i * 0.5, Timestamp = start.AddSeconds(i * 240), ReceivedAt = start.AddSeconds(i * 240),
            Labels = new Dictionary<string, string> { ["host"] = $"h{i % 3}" },
        })];
        var writer = services.GetRequiredService<MetricWriter>();
        Assert.That(await writer.WriteAsync(rows, CancellationToken.None), Is.EqualTo(rows.Length));
        var partitions = await The_metrics_database_migration.QueryAsync(connectionString,
            "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'metrics'::regclass");
        var progress = new List<string>();

        var applied = await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(new SynchronousProgress(progress), CancellationToken.None);

        var stored = await The_metrics_database_migration.QueryAsync(connectionString, "SELECT id::text || ' ' || value FROM metrics");
        var keys = await The_metrics_database_migration.QueryAsync(connectionString, """
            SELECT c.relname || ' ' || pg_get_indexdef(x.indexrelid) FROM pg_inherits i JOIN pg_index x ON x.indexrelid = i.inhrelid
            JOIN pg_class c ON c.oid = x.indrelid WHERE i.inhparent = 'pk_metrics'::regclass AND x.indisprimary
            """);
        var again = await services.GetRequiredService<MetricWriter>().WriteAsync(rows, CancellationToken.None);
        Assert.Multiple(async () =>
        {
            Assert.That(applied, Is.EqualTo(new[] { "20261130102312_TimeOrderedKey" }));
            Assert.That(partitions, Has.Count.GreaterThanOrEqualTo(5), "rows over five days, and the days around today");
            Assert.That(stored, Is.EquivalentTo(rows.Select(r => $"{r.Id} {r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
            Assert.That(keys, Is.EquivalentTo(partitions.Select(p => $"{p} CREATE UNIQUE INDEX {p}_pkey ON public.{p} USING btree (\"timestamp\", id)")),
                "every partition's key is a part of pk_metrics");
            Assert.That(await The_metrics_database_migration.QueryAsync(connectionString,
                "SELECT indexname::text FROM pg_indexes WHERE position('(\"timestamp\" DESC, id DESC)' IN indexdef) > 0"), Is.Empty);
            Assert.That(progress, Has.Some.StartsWith($"keyed {rows.Length} of {rows.Length} rows by (timestamp, id)"));
            Assert.That(again, Is.Zero, "the rekeyed rows still make a redelivery a no-op");
            Assert.That(await RollupAudit.MismatchesAsync(connectionString), Is.EqualTo((0L, 0L)));
        });
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

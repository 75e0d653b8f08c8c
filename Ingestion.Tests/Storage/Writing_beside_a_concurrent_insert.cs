using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>
/// The writer's insert has no <c>ON CONFLICT</c>: its idempotency probe skips every committed row with the same id. A row
/// another transaction inserted and had not committed yet (two workers during a rebalance) makes the insert wait and then
/// fail with a unique violation; the writer then writes the batch again with <c>ON CONFLICT DO NOTHING</c>.
/// </summary>
public sealed class Writing_beside_a_concurrent_insert
{
    private string connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await StorageServices.CreateMigratedDatabaseAsync("concurrent");
    }

    [Test]
    public async Task Skips_the_row_another_transaction_committed_while_the_insert_waited_and_counts_only_its_own_rows()
    {
        var counter = new CommandCounter();
        var writer = StorageServices.Writer(connectionString, counter);
        var minute = DateTimeOffset.UtcNow.AddMinutes(-5);
        MetricRecorded Sample(int i) => new()
        {
            Id = Guid.CreateVersion7(), Name = "concurrent", Value = i, Timestamp = minute.AddSeconds(i), ReceivedAt = minute.AddSeconds(i),
            Labels = new Dictionary<string, string> { ["host"] = "a" },
        };
        await writer.WriteAsync([Sample(0)], CancellationToken.None); // the series and the day exist from here on
        MetricRecorded[] batch = [.. Enumerable.Range(1, 10).Select(Sample)];
        var contested = batch[3];

        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO metrics (id, series_id, value, "timestamp", received_at)
            SELECT @id, id, 3, @timestamp, @timestamp FROM series WHERE name = 'concurrent'
            """, other, transaction))
        {
            insert.Parameters.AddWithValue("id", contested.Id!.Value);
            insert.Parameters.AddWithValue("timestamp", contested.Timestamp!.Value);
            await insert.ExecuteNonQueryAsync();
        }
        counter.Commands.Clear();

        var writing = writer.WriteAsync(batch, CancellationToken.None);
        await WaitForAnInsertWaitingOnALockAsync();
        await transaction.CommitAsync();
        var inserted = await writing;
        var again = await writer.WriteAsync(batch, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((inserted, again), Is.EqualTo((9, 0)));
            Assert.That(counter.Commands.Count(c => c.Contains("INSERT INTO metrics", StringComparison.Ordinal)), Is.EqualTo(3),
                "the insert that failed on the unique violation, its second try, and the redelivery");
            Assert.That(await RollupAudit.RollupCountAsync(connectionString, "rollup_1m"), Is.EqualTo(10), "the first sample and the nine new rows");
            Assert.That(await RollupAudit.RollupCountAsync(connectionString, "rollup_1h"), Is.EqualTo(10));
            Assert.That(await The_metrics_database_migration.QueryAsync(connectionString, "SELECT count(*)::text FROM metrics"), Is.EqualTo(new[] { "11" }));
        });
    }

    private async Task WaitForAnInsertWaitingOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO metrics%'
            """, connection);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if ((long)(await query.ExecuteScalarAsync())! > 0)
                return;
            await Task.Delay(50);
        }
        Assert.Fail("The writer's insert never waited for the other transaction's row.");
    }
}

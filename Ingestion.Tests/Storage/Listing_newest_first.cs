using Ingestion.Storage.Migrating;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>
/// Issue 19 item 6: the unfiltered newest-first page is read from an index, not by sorting the table; since migration
/// TimeOrderedKey that index is the primary key ("timestamp", id), read backwards.
/// </summary>
public sealed class Listing_newest_first
{
    [Test]
    public async Task Reads_the_primary_key_backwards_in_order_without_a_sort()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("newest_first");
        await using (var services = StorageServices.For(connectionString))
            await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // A fresh table is tiny, so let the planner price it as it would a big one (no sequential scan, no sort).
        await using (var settings = new NpgsqlCommand("SET enable_seqscan = off; SET enable_sort = off", connection))
            await settings.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("""
            EXPLAIN SELECT id FROM metrics WHERE ("timestamp", id) < (now(), gen_random_uuid())
            ORDER BY "timestamp" DESC, id DESC LIMIT 101
            """, connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                plan.Add(reader.GetString(0));
        }

        Assert.That(plan, Has.Some.Match(@"Index (Only )?Scan Backward using metrics_p\d{8}_pkey"), string.Join('\n', plan));
        Assert.That(plan, Has.None.Contains("Sort  ("), string.Join('\n', plan));
    }
}

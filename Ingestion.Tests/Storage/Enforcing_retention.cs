using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Retention;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>The retention job drops whole expired partitions of each resolution and nothing else, blocking no writer.</summary>
public sealed class Enforcing_retention
{
    private static readonly DateTimeOffset Today = new(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);
    private string connectionString = string.Empty;
    private ServiceProvider services = null!;

    [SetUp]
    public async Task Store_rows_of_several_ages()
    {
        connectionString = await TestInfrastructure.CreateDatabaseAsync("retention");
        services = StorageServices.For(connectionString);
        await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        // Defaults: raw 7 days, 1-minute rollups 30 days, 1-hour rollups 400 days.
        var writer = services.GetRequiredService<MetricWriter>();
        foreach (var age in new[] { 0, 1, 10, 40, 500 })
            await writer.WriteAsync([.. Enumerable.Range(0, 5).Select(i => Sample(Today.AddDays(-age).AddHours(1).AddMinutes(i)))], CancellationToken.None);
    }

    [TearDown]
    public async Task Dispose() => await services.DisposeAsync();

    [Test]
    public async Task Says_what_a_dry_run_would_drop_and_drops_nothing()
    {
        var report = await services.GetRequiredService<RetentionJob>().RunAsync(dryRun: true, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(report.Ran && report.DryRun, Is.True);
            Assert.That(report.Expired.Select(p => p.Partition), Is.SupersetOf(ExpectedExpired()));
            Assert.That(report.Expired.Where(p => p.Table == "metrics").Select(p => p.To), Is.All.LessThanOrEqualTo(DateTimeOffset.UtcNow.AddDays(-7)));
            Assert.That(await CountAsync("metrics"), Is.EqualTo(25));
        });
    }

    [Test]
    public async Task Drops_expired_partitions_whole_and_keeps_everything_recent()
    {
        var report = await services.GetRequiredService<RetentionJob>().RunAsync(dryRun: false, CancellationToken.None);

        var partitions = await The_metrics_database_migration.QueryAsync(connectionString,
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r'");
        Assert.Multiple(async () =>
        {
            Assert.That(report.Expired.Select(p => p.Partition), Is.SupersetOf(ExpectedExpired()));
            Assert.That(partitions, Has.None.AnyOf(ExpectedExpired().ToArray()));
            Assert.That(partitions, Has.Member($"metrics_p{Today.AddDays(3):yyyyMMdd}"), "created ahead");
            Assert.That(await CountAsync("metrics"), Is.EqualTo(10), "today and yesterday");
            Assert.That(await CountAsync("rollup_1m"), Is.EqualTo(15), "up to 10 days old");
            Assert.That(await CountAsync("rollup_1h"), Is.EqualTo(20), "up to 40 days old");
            Assert.That(await The_metrics_database_migration.QueryAsync(connectionString, "SELECT count(*)::text FROM pg_tables WHERE tablename LIKE '%_p2%'"),
                Is.EqualTo(new[] { partitions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }), "no detached table left behind");
        });
    }

    [Test]
    public async Task Does_nothing_while_another_process_holds_the_retention_lock()
    {
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using (var hold = new NpgsqlCommand("SELECT pg_advisory_lock(115922902869364)", other))
            await hold.ExecuteScalarAsync();

        var report = await services.GetRequiredService<RetentionJob>().RunAsync(dryRun: false, CancellationToken.None);

        Assert.That(report.Ran, Is.False);
        Assert.That(await CountAsync("metrics"), Is.EqualTo(25));
    }

    [Test]
    public async Task Lets_writers_write_while_it_waits_for_a_transaction_on_the_table()
    {
        // An open transaction that wrote to today's partition: dropping a partition must wait for it, but must not make
        // other writers queue behind that wait (a plain DETACH's ACCESS EXCLUSIVE request would).
        await using var open = new NpgsqlConnection(connectionString);
        await open.OpenAsync();
        await using var transaction = await open.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO metrics (id, series_id, value, \"timestamp\", received_at) VALUES (gen_random_uuid(), 0, 1, now(), now())", open, transaction))
            await insert.ExecuteNonQueryAsync();
        var retention = services.GetRequiredService<RetentionJob>().RunAsync(dryRun: false, CancellationToken.None);
        await Task.Delay(300);

        var write = services.GetRequiredService<MetricWriter>().WriteAsync([Sample(DateTimeOffset.UtcNow.AddMinutes(-1))], CancellationToken.None);
        var finished = await Task.WhenAny(write, Task.Delay(TimeSpan.FromSeconds(30)));
        var retentionWasWaiting = !retention.IsCompleted;
        await transaction.CommitAsync();
        await retention;

        Assert.That(finished, Is.SameAs(write), "the writer was blocked by retention");
        Assert.That(await write, Is.EqualTo(1));
        Assert.That(retentionWasWaiting || retention.IsCompletedSuccessfully, Is.True);
    }

    private static IEnumerable<string> ExpectedExpired() =>
    [
        $"metrics_p{Today.AddDays(-10):yyyyMMdd}", $"metrics_p{Today.AddDays(-40):yyyyMMdd}", $"metrics_p{Today.AddDays(-500):yyyyMMdd}",
        $"rollup_1m_p{Today.AddDays(-40):yyyyMMdd}", $"rollup_1m_p{Today.AddDays(-500):yyyyMMdd}", $"rollup_1h_p{Today.AddDays(-500):yyyyMM}",
    ];

    private static MetricRecorded Sample(DateTimeOffset at) =>
        new() { Id = Guid.NewGuid(), Name = "kept", Value = 1, Timestamp = at, ReceivedAt = at };

    private async Task<long> CountAsync(string table) =>
        table == "metrics"
            ? long.Parse((await The_metrics_database_migration.QueryAsync(connectionString, "SELECT count(*)::text FROM metrics"))[0], System.Globalization.CultureInfo.InvariantCulture)
            : await RollupAudit.RollupCountAsync(connectionString, table);
}

using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Storage;

/// <summary>
/// The idempotency probes cost an index probe per written row, never a scan of the day's partition: as a join, the
/// planner hashed the whole partition for every batch once its statistics said so, and the writer slowed down as the day
/// filled up. A record is looked up by its exact key ("timestamp", id) in the primary key; a row stamped at receipt,
/// whatever its id's version, is also looked up by id within the idempotency window, in the partial index
/// ix_metrics_stamped_id, which holds only such rows.
/// </summary>
public sealed class Probing_for_idempotency
{
    private string connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await StorageServices.CreateMigratedDatabaseAsync("probing");
    }

    [Test]
    public async Task Probes_the_primary_key_by_timestamp_and_id_per_row_even_where_the_planner_would_rather_scan_the_partition()
    {
        var plan = await PlanOfWritingAsync(Guid.CreateVersion7);

        Assert.That(plan, Does.Not.Contain("Anti Join"), plan);
        Assert.That(plan, Does.Contain("SubPlan").And.Match(@"Index (Only )?Scan using metrics_p\d{8}_pkey on metrics_p\d{8} m(_\d+)?\s+\(cost[^\n]*\n\s+Index Cond: \(\(""timestamp"" = i\.ts\) AND \(id = i\.id\)\)"), plan);
    }

    [TestCase(7, TestName = "Probes_the_stamped_rows_index_by_id_for_a_uuidv7_id")]
    [TestCase(8, TestName = "Probes_the_stamped_rows_index_by_id_for_a_key_derived_id")]
    public async Task Probes_the_stamped_rows_index_by_id(int idVersion)
    {
        var plan = await PlanOfWritingAsync(idVersion == 7 ? Guid.CreateVersion7 : Writing_a_record_again.KeyDerivedId);

        Assert.That(plan, Does.Not.Contain("Anti Join"), plan);
        Assert.That(plan, Does.Match(@"Index Scan using metrics_p\d{8}_id_idx on metrics_p\d{8} m(_\d+)?\s+\(cost[^\n]*\n\s+Index Cond: \(id = i\.id\)"), plan);
    }

    [Test]
    public async Task Keeps_rows_with_their_own_timestamp_out_of_the_stamped_rows_index()
    {
        var ownDay = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-3).AddHours(12);
        var stampedDay = ownDay.AddDays(-1);

        await PlanOfWritingAsync(Guid.CreateVersion7, ownDay, ownDay.AddSeconds(2));
        await PlanOfWritingAsync(Guid.CreateVersion7, stampedDay, stampedDay);

        var sizes = await The_metrics_database_migration.QueryAsync(connectionString, $"""
            SELECT pg_relation_size(c.oid)::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'ix_metrics_stamped_id'::regclass
              AND c.relname IN ('metrics_p{ownDay:yyyyMMdd}_id_idx', 'metrics_p{stampedDay:yyyyMMdd}_id_idx')
            ORDER BY c.relname DESC
            """);
        Assert.That(sizes.Select(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(new[] { 8192L, 16384L }),
            "the day of rows with their own timestamp has only the metapage; the day of stamped rows has its 200 entries too");
    }

    /// <summary>
    /// The plan of the writer's raw insert for 200 metrics with ids from <paramref name="newId"/>, stamped at receipt
    /// (now) unless a timestamp and receipt time are given.
    /// </summary>
    private async Task<string> PlanOfWritingAsync(Func<Guid> newId, DateTimeOffset? timestamp = null, DateTimeOffset? received = null)
    {
        var plans = new PlanRecorder();
        var writer = StorageServices.Writer(connectionString, plans);
        var now = DateTimeOffset.UtcNow;
        MetricRecorded[] batch = [.. Enumerable.Range(0, 200).Select(i => new MetricRecorded
        {
            Id = newId(), Name = "probed", Value = i, Timestamp = timestamp ?? now, ReceivedAt = received ?? now,
            Labels = new Dictionary<string, string> { ["host"] = "a" },
        })];

        var inserted = await writer.WriteAsync(batch, CancellationToken.None);

        Assert.That(inserted, Is.EqualTo(200));
        return plans.Plans.Single();
    }
}

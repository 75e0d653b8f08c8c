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
/// filled up. A record is looked up by its exact key ("timestamp", id) in the primary key; only a row stamped at receipt
/// with an id that is not a UUIDv7 is also looked up by id within the idempotency window, in the partial index
/// ix_metrics_stamped_id.
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

    [Test]
    public async Task Probes_the_stamped_rows_index_by_id_for_a_key_derived_id()
    {
        var plan = await PlanOfWritingAsync(Writing_a_record_again.KeyDerivedId);

        Assert.That(plan, Does.Not.Contain("Anti Join"), plan);
        Assert.That(plan, Does.Match(@"Index Scan using metrics_p\d{8}_id_idx on metrics_p\d{8} m(_\d+)?\s+\(cost[^\n]*\n\s+Index Cond: \(id = i\.id\)"), plan);
    }

    /// <summary>The plan of the writer's raw insert for 200 metrics stamped at receipt with ids from <paramref name="newId"/>.</summary>
    private async Task<string> PlanOfWritingAsync(Func<Guid> newId)
    {
        var plans = new PlanRecorder();
        var writer = StorageServices.Writer(connectionString, plans);
        var now = DateTimeOffset.UtcNow;
        MetricRecorded[] batch = [.. Enumerable.Range(0, 200).Select(i => new MetricRecorded
        {
            Id = newId(), Name = "probed", Value = i, Timestamp = now, ReceivedAt = now,
            Labels = new Dictionary<string, string> { ["host"] = "a" },
        })];

        var inserted = await writer.WriteAsync(batch, CancellationToken.None);

        Assert.That(inserted, Is.EqualTo(200));
        return plans.Plans.Single();
    }
}

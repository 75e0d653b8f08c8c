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
/// The idempotency window's probe (an id stored with another timestamp nearby) costs an index probe per written row,
/// never a scan of the day's partition: as a join, the planner hashed the whole partition for every batch once its
/// statistics said so, and the writer slowed down as the day filled up.
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
    public async Task Probes_the_primary_key_per_row_even_where_the_planner_would_rather_scan_the_partition()
    {
        var plans = new PlanRecorder();
        var writer = StorageServices.Writer(connectionString, plans);
        var now = DateTimeOffset.UtcNow;
        MetricRecorded[] batch = [.. Enumerable.Range(0, 200).Select(i => new MetricRecorded
        {
            Id = Guid.CreateVersion7(), Name = "probed", Value = i, Timestamp = now, ReceivedAt = now,
            Labels = new Dictionary<string, string> { ["host"] = "a" },
        })];

        var inserted = await writer.WriteAsync(batch, CancellationToken.None);

        var plan = plans.Plans.Single();
        Assert.Multiple(() =>
        {
            Assert.That(inserted, Is.EqualTo(200));
            Assert.That(plan, Does.Not.Contain("Anti Join"), plan);
            Assert.That(plan, Does.Contain("SubPlan").And.Match(@"Index (Only )?Scan using metrics_p\d{8}_pkey"), plan);
        });
    }
}

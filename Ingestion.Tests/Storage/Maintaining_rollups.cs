using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Storage;

/// <summary>The writer's rollups count exactly the rows its inserts created, whatever is written twice or at once.</summary>
public sealed class Maintaining_rollups
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-3);
    private string connectionString = string.Empty;

    [SetUp]
    public async Task CreateDatabase()
    {
        connectionString = await StorageServices.CreateMigratedDatabaseAsync("rollups");
    }

    [Test]
    public async Task Counts_a_redelivered_or_replayed_batch_once()
    {
        var batch = Samples("redelivered", 600);

        var first = await NewWriter().WriteAsync(batch, CancellationToken.None);
        var again = await NewWriter().WriteAsync(batch, CancellationToken.None);
        var overlapping = await NewWriter().WriteAsync([.. batch.Skip(500), .. Samples("redelivered", 50)], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((first, again, overlapping), Is.EqualTo((600, 0, 50)));
            Assert.That(await RollupAudit.MismatchesAsync(connectionString), Is.EqualTo((0L, 0L)));
            Assert.That(await RollupAudit.RollupCountAsync(connectionString, "rollup_1m"), Is.EqualTo(650));
            Assert.That(await RollupAudit.RollupCountAsync(connectionString, "rollup_1h"), Is.EqualTo(650));
        });
    }

    [Test]
    public async Task Counts_once_when_writers_race_over_the_same_batches_without_deadlocking()
    {
        var batches = Enumerable.Range(0, 6).Select(_ => Samples("raced", 400)).ToList();
        // Four writers (as four workers during a rebalance), each writing every batch in its own order.
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var writer = NewWriter();
            foreach (var batch in w % 2 == 0 ? batches : Enumerable.Reverse(batches))
                await writer.WriteAsync([.. batch.OrderBy(_ => Random.Shared.Next())], CancellationToken.None);
        }));

        await Task.WhenAll(writers);

        Assert.Multiple(async () =>
        {
            Assert.That(await RollupAudit.MismatchesAsync(connectionString), Is.EqualTo((0L, 0L)));
            Assert.That(await RollupAudit.RollupCountAsync(connectionString, "rollup_1m"), Is.EqualTo(2400));
        });
    }

    [Test]
    public async Task Stores_a_retried_metric_once_even_when_its_stamped_time_moved_to_the_next_day()
    {
        // The API stamps a metric without a timestamp at receipt: a retry with the same idempotency key carries a later
        // time, here across midnight, i.e. into another day partition.
        var id = Guid.NewGuid();
        var midnight = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);
        MetricRecorded Attempt(DateTimeOffset receivedAt) => new() { Id = id, Name = "retried", Value = 1, ReceivedAt = receivedAt };

        var first = await NewWriter().WriteAsync([Attempt(midnight.AddSeconds(-20))], CancellationToken.None);
        var retry = await NewWriter().WriteAsync([Attempt(midnight.AddSeconds(40))], CancellationToken.None);
        var inOneBatch = await NewWriter().WriteAsync([Attempt(midnight.AddMinutes(2)), Attempt(midnight.AddMinutes(3))], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((first, retry, inOneBatch), Is.EqualTo((1, 0, 0)));
            Assert.That(await The_metrics_database_migration.QueryAsync(connectionString, "SELECT count(*)::text FROM metrics"), Is.EqualTo(new[] { "1" }));
            Assert.That(await RollupAudit.MismatchesAsync(connectionString), Is.EqualTo((0L, 0L)));
        });
    }

    [Test]
    public async Task Sums_extreme_finite_values_without_overflowing()
    {
        var at = Start;
        double[] values = [1e200, -1e200, double.MaxValue, double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon, 1e-300];
        var batch = values.Select(v => new MetricRecorded { Id = Guid.NewGuid(), Name = "extreme", Value = v, Timestamp = at, ReceivedAt = at }).ToList();

        var inserted = await NewWriter().WriteAsync(batch, CancellationToken.None);
        var again = await NewWriter().WriteAsync([batch[2] with { Id = Guid.NewGuid() }], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That((inserted, again), Is.EqualTo((values.Length, 1)));
            Assert.That(await RollupAudit.MismatchesAsync(connectionString), Is.EqualTo((0L, 0L)));
        });
    }

    private MetricWriter NewWriter() => StorageServices.Writer(connectionString);

    private static MetricRecorded[] Samples(string name, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new MetricRecorded
        {
            Id = Guid.NewGuid(),
            Name = name,
            Value = Random.Shared.Next(0, 4000) * 0.25,
            Timestamp = Start.AddSeconds(Random.Shared.Next(0, 2 * 3600)),
            Labels = new Dictionary<string, string> { ["host"] = $"h{i % 7}" },
            ReceivedAt = DateTimeOffset.UtcNow,
        })];
}

using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Storage;

public sealed class The_metric_writer
{
    private string connectionString = string.Empty;
    private CommandCounter counter = null!;
    private PooledDbContextFactory<MetricsDbContext> contexts = null!;
    private MetricWriter writer = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await StorageServices.CreateMigratedDatabaseAsync("writer");
    }

    [SetUp]
    public void CreateWriter()
    {
        counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<MetricsDbContext>().UseNpgsql(connectionString).AddInterceptors(counter).Options;
        contexts = new PooledDbContextFactory<MetricsDbContext>(options);
        writer = new MetricWriter(contexts);
    }

    [Test]
    public async Task Inserts_a_batch_in_one_statement_once_its_series_and_day_are_known()
    {
        await writer.WriteAsync(Metrics("one_statement", 500), CancellationToken.None);
        counter.Commands.Clear();

        var inserted = await writer.WriteAsync(Metrics("one_statement", 500), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(inserted, Is.EqualTo(500));
            Assert.That(counter.Commands, Has.Count.EqualTo(1));
            Assert.That(counter.Commands.Single(), Does.Contain("unnest(").And.Contain("NOT EXISTS").And.Contain("INSERT INTO rollup_1m"));
        });
        Assert.That(await CountAsync("one_statement"), Is.EqualTo(1000));
    }

    [Test]
    public async Task Inserts_nothing_when_the_same_batch_is_written_twice()
    {
        var batch = Metrics("twice", 100);

        var first = await writer.WriteAsync(batch, CancellationToken.None);
        var second = await writer.WriteAsync(batch, CancellationToken.None);
        var overlapping = await writer.WriteAsync([.. batch.Take(10), .. Metrics("twice", 5)], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(first, Is.EqualTo(100));
            Assert.That(second, Is.Zero);
            Assert.That(overlapping, Is.EqualTo(5));
            Assert.That(await CountAsync("twice"), Is.EqualTo(105));
        });
    }

    [Test]
    public async Task Round_trips_labels_as_jsonb_that_containment_queries_find()
    {
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(-1);
        var id = Guid.CreateVersion7();
        MetricRecorded[] batch =
        [
            new() { Id = id, Name = "labelled", Value = 0.5, Timestamp = timestamp, Labels = new Dictionary<string, string> { ["host"] = "a", ["region"] = "eu" } },
            new() { Id = Guid.CreateVersion7(), Name = "labelled", Value = 1.5, Timestamp = timestamp, Labels = new Dictionary<string, string> { ["host"] = "b" } },
            new() { Id = Guid.CreateVersion7(), Name = "labelled", Value = 2.5 },
        ];
        await writer.WriteAsync(batch, CancellationToken.None);

        var row = await The_metrics_database_migration.QueryAsync(connectionString,
            $"SELECT labels::text || ' ' || value || ' ' || (abs(extract(epoch FROM now() - ingested_at)) < 60) FROM metrics_with_series WHERE id = '{id}'");
        var hostA = await The_metrics_database_migration.QueryAsync(connectionString,
            """SELECT id::text FROM metrics_with_series WHERE labels @> '{"host":"a"}'""");
        var types = await The_metrics_database_migration.QueryAsync(connectionString,
            "SELECT DISTINCT jsonb_typeof(labels) FROM metrics_with_series WHERE name = 'labelled'");
        await using var context = await contexts.CreateDbContextAsync();
        var stored = await context.Metrics.AsNoTracking().SingleAsync(m => m.Id == id);

        Assert.Multiple(() =>
        {
            Assert.That(row, Is.EqualTo(new[] { """{"host": "a", "region": "eu"} 0.5 true""" }));
            Assert.That(stored.Timestamp, Is.EqualTo(timestamp).Within(TimeSpan.FromMilliseconds(1)));
            Assert.That(hostA, Is.EqualTo(new[] { id.ToString() }));
            Assert.That(types, Is.EqualTo(new[] { "object" }));
        });
    }

    [Test]
    public async Task Row_by_row_inserts_the_same_rows_one_statement_each()
    {
        var batch = Metrics("row_by_row", 20);

        var inserted = await writer.WriteRowByRowAsync(batch, CancellationToken.None);
        var again = await writer.WriteAsync(batch, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(inserted, Is.EqualTo(20));
            Assert.That(again, Is.Zero);
            Assert.That(counter.Commands.Count(c => c.Contains("VALUES", StringComparison.Ordinal)), Is.EqualTo(20));
        });
    }

    [Test]
    public void Refuses_a_metric_without_an_id()
    {
        Assert.ThrowsAsync<ArgumentException>(() => writer.WriteAsync([new MetricRecorded { Name = "no_id", Value = 1 }], CancellationToken.None));
    }

    private static MetricRecorded[] Metrics(string name, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new MetricRecorded
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            Value = i,
            Timestamp = DateTimeOffset.UtcNow,
            Labels = new Dictionary<string, string> { ["i"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ReceivedAt = DateTimeOffset.UtcNow,
        })];

    private async Task<long> CountAsync(string name)
    {
        var count = await The_metrics_database_migration.QueryAsync(connectionString, $"SELECT count(*)::text FROM metrics_with_series WHERE name = '{name}'");
        return long.Parse(count[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}

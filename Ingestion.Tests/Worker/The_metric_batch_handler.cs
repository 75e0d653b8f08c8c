using Ingestion.Consumers;
using Ingestion.Consumers.Persisting;
using Ingestion.Consumers.Statistics;
using Ingestion.Contracts;
using Ingestion.Storage.Extensions;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Worker;

public sealed class The_metric_batch_handler
{
    private string connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await TestInfrastructure.CreateDatabaseAsync("handler");
        await using var services = Services(connectionString);
        await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        // A row PostgreSQL refuses (SQLSTATE 23514) that the validator cannot know about.
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(RefusingRowsByName.Sql("refused_by_check"), connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Rejects_invalid_metrics_naming_what_is_wrong_and_persists_their_neighbours()
    {
        await using var services = Services(connectionString);
        var rejections = new List<MetricRejection>();
        IncomingMetric[] batch =
        [
            Incoming(Metric("neighbours_ok"), 0),
            Incoming(Metric("neighbours_ok") with { Value = double.NaN }, 1),
            Incoming(Metric(new string('n', MetricLimits.MaxNameLength + 1)), 2),
            Incoming(Metric("neighbours_ok"), 3),
            Incoming(Metric("neighbours_ok") with { Labels = new Dictionary<string, string> { ["bad key"] = "x" } }, 4),
        ];

        var inserted = await Handle(Handler(services), batch, rejections);

        Assert.Multiple(async () =>
        {
            Assert.That(inserted, Is.EqualTo(2));
            Assert.That(rejections.Select(r => r.Index), Is.EqualTo(new[] { 1, 2, 4 }));
            Assert.That(rejections[0].Error, Does.StartWith("value: "));
            Assert.That(await CountAsync("neighbours_ok"), Is.EqualTo(2));
            // The handler counts what it stored; the rejected ones count once the rider's error pipe dead-lettered them.
            Assert.That(services.GetRequiredService<WorkerStatistics>().Snapshot(), Has.Property("Processed").EqualTo(2).And.Property("DeadLettered").EqualTo(0));
        });
    }

    [Test]
    public async Task Stamps_a_metric_without_times_with_its_records_time_so_a_later_redelivery_inserts_nothing()
    {
        // A plain producer's record with an id of its own (a UUIDv7, like the API's) and neither timestamp nor receivedAt:
        // a redelivery must stamp it as the first delivery did, or it would be another (timestamp, id) record.
        await using var services = Services(connectionString);
        var recordTime = DateTimeOffset.UtcNow.AddMinutes(-3);
        var metric = Metric("stamped_by_record") with { Timestamp = null };
        IncomingMetric Delivery() => Incoming(metric, 43) with { TimestampMs = recordTime.ToUnixTimeMilliseconds() };

        var first = await Handle(Handler(services), [Delivery()], []);
        await Task.Delay(20);
        var redelivered = await Handle(Handler(services), [Delivery()], []);

        Assert.Multiple(async () =>
        {
            Assert.That((first, redelivered), Is.EqualTo((1, 0)));
            Assert.That(await CountAsync("stamped_by_record"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Gives_a_metric_without_id_the_id_of_its_record_so_a_replay_inserts_nothing()
    {
        await using var services = Services(connectionString);
        var handler = Handler(services);
        IncomingMetric[] batch = [Incoming(Metric("derived") with { Id = null }, 41), Incoming(Metric("derived") with { Id = null }, 42)];

        var first = await Handle(handler, batch, []);
        var replay = await Handle(handler, batch, []);

        var expected = DeterministicMetricId.For("handler-topic", 2, 42, 0, [], [], hasKey: false);
        Assert.Multiple(async () =>
        {
            Assert.That(first, Is.EqualTo(2));
            Assert.That(replay, Is.Zero);
            Assert.That(await CountAsync("derived", expected), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Fails_a_batch_with_a_row_PostgreSQL_refuses_as_the_records_fault_and_stores_none_of_it()
    {
        await using var services = Services(connectionString);
        var rejections = new List<MetricRejection>();
        var batch = Enumerable.Range(0, 9).Select(i => Incoming(Metric(i == 6 ? "refused_by_check" : "refused_neighbours"), i)).ToArray();

        var error = Assert.ThrowsAsync<PostgresException>(() => Handle(Handler(services), batch, rejections));

        // The rider splits the window (a record fault) until the row stands alone, and dead-letters it from there.
        Assert.Multiple(async () =>
        {
            Assert.That(error!.SqlState, Is.EqualTo("23514"));
            Assert.That(RecordFaults.IsRecordFault(error), Is.True);
            Assert.That(rejections, Is.Empty);
            Assert.That(await CountAsync("refused_neighbours"), Is.Zero, "one statement: all or nothing");
            // No failed try: the rider isolates the row, and each record then counts once, stored or dead-lettered.
            Assert.That(services.GetRequiredService<WorkerStatistics>().Snapshot(), Has.Property("Failed").EqualTo(0).And.Property("Processed").EqualTo(0));
        });
    }

    [Test]
    public async Task Rejects_text_PostgreSQL_cannot_store_and_persists_the_rest()
    {
        await using var services = Services(connectionString);
        var rejections = new List<MetricRejection>();
        IncomingMetric[] batch =
        [
            Incoming(Metric("unstorable") with { Labels = new Dictionary<string, string> { ["h"] = "a\u0000b" } }, 0),
            Incoming(Metric("unstorable"), 1),
            Incoming(Metric("unstorable") with { Labels = new Dictionary<string, string> { ["h"] = "\ud800" } }, 2),
        ];

        var inserted = await Handle(Handler(services), batch, rejections);

        Assert.Multiple(async () =>
        {
            Assert.That(inserted, Is.EqualTo(1));
            Assert.That(rejections.Select(r => r.Index), Is.EqualTo(new[] { 0, 2 }));
            Assert.That(await CountAsync("unstorable"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Lets_a_connection_failure_propagate_without_dead_lettering_anything()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(connectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var services = Services(nowhere);
        var rejections = new List<MetricRejection>();

        Assert.ThrowsAsync(Is.InstanceOf<NpgsqlException>(),
            () => Handle(Handler(services), [Incoming(Metric("unreachable"), 0)], rejections));

        Assert.Multiple(() =>
        {
            Assert.That(rejections, Is.Empty);
            Assert.That(services.GetRequiredService<WorkerStatistics>().Snapshot().Failed, Is.EqualTo(1));
        });
    }

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Metrics"] = connectionString })
            .Build();
        var services = new ServiceCollection().AddLogging().AddMetrics().AddIngestionStorage(configuration);
        services.AddOptions<WorkerOptions>();
        services.AddSingleton(TimeProvider.System).AddSingleton<WorkerStatistics>().AddSingleton<MetricBatchHandler>();
        return services.BuildServiceProvider();
    }

    private static MetricBatchHandler Handler(ServiceProvider services) => services.GetRequiredService<MetricBatchHandler>();

    private static MetricRecorded Metric(string name) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Value = 1.25,
        Timestamp = DateTimeOffset.UtcNow,
        Labels = new Dictionary<string, string> { ["host"] = "a" },
    };

    private static IncomingMetric Incoming(MetricRecorded metric, long offset) => new(metric, "handler-topic", 2, offset);

    /// <summary>Handles <paramref name="batch"/> and collects what the handler rejected.</summary>
    private static async Task<int> Handle(MetricBatchHandler handler, IReadOnlyList<IncomingMetric> batch, List<MetricRejection> rejections)
    {
        var result = await handler.HandleAsync(batch, CancellationToken.None);
        rejections.AddRange(result.Rejected);
        return result.Inserted;
    }

    private async Task<long> CountAsync(string name, Guid? id = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM metrics_with_series WHERE name = @name AND (@id IS NULL OR id = @id)", connection);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.Add(new NpgsqlParameter<Guid?>("id", NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = id });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

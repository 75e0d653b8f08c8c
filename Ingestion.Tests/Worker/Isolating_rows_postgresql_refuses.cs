using Ingestion.Consumers;
using Ingestion.Consumers.Persisting;
using Ingestion.Consumers.Statistics;
using Ingestion.Contracts;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Storage.Extensions;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>
/// A trigger refuses rows named <c>refused*</c> with SQLSTATE 23514 (what a CHECK constraint says) and counts every row
/// PostgreSQL was asked to insert, refused, rolled back or not, in a sequence (sequences ignore rollbacks).
/// </summary>
public sealed class Isolating_rows_postgresql_refuses
{
    private const int BatchSize = 2_000;
    private string connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await TestInfrastructure.CreateDatabaseAsync("isolation");
        await using (var services = Services(new CapturedLogs()))
            await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await ExecuteAsync("""
            CREATE SEQUENCE insert_attempts;
            CREATE FUNCTION refuse_flagged() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM nextval('insert_attempts');
                IF (SELECT s.name FROM series s WHERE s.id = NEW.series_id) LIKE 'refused%' THEN
                    RAISE EXCEPTION 'refused by the test trigger' USING ERRCODE = '23514';
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_flagged BEFORE INSERT ON metrics FOR EACH ROW EXECUTE FUNCTION refuse_flagged();
            """);
    }

    [Test]
    public async Task Isolates_a_flood_of_refused_rows_and_stores_every_good_neighbour_once()
    {
        var logs = new CapturedLogs();
        await using var services = Services(logs);
        var batch = Flood("flood_a");
        var rejections = new List<MetricRejection>();
        var attemptsBefore = await AttemptsAsync();

        var inserted = await Handle(services.GetRequiredService<MetricBatchHandler>(), batch, rejections);

        var attempts = await AttemptsAsync() - attemptsBefore;
        Assert.Multiple(async () =>
        {
            Assert.That(inserted, Is.EqualTo(BatchSize / 2));
            Assert.That(await CountAsync("flood_a"), Is.EqualTo(BatchSize / 2));
            Assert.That(rejections.Select(r => r.Index).Order(), Is.EqualTo(Enumerable.Range(0, BatchSize).Where(i => i % 2 == 1)));
            Assert.That(rejections.Select(r => r.Reason).Distinct(), Is.EqualTo(new[] { DeadLetterReasons.Exhausted }));
            // The set-based attempt, then each row about once (a statement stops at its first refused row).
            Assert.That(attempts, Is.LessThanOrEqualTo(3 * BatchSize), "row inserts PostgreSQL was asked for");
        });
    }

    [Test]
    public async Task Logs_one_line_for_a_flood_with_the_count_the_first_metric_and_its_sqlstate_and_no_stack_trace()
    {
        var logs = new CapturedLogs();
        await using var services = Services(logs);

        await Handle(services.GetRequiredService<MetricBatchHandler>(), Flood("flood_b"), []);

        var warnings = logs.Entries.Where(entry => entry.Level >= LogLevel.Warning && entry.Category.EndsWith("MetricBatchHandler", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(warnings, Has.Count.EqualTo(1), string.Join("\n", warnings.Select(w => w.Text)));
            Assert.That(warnings[0].Text, Does.Contain($"PostgreSQL refused {BatchSize / 2} of {BatchSize} metrics"));
            Assert.That(warnings[0].Text, Does.Contain("refused_flood_b at offset 1").And.Contain("SQLSTATE 23514"));
            Assert.That(warnings[0].Exception, Is.Null, "no stack trace");
        });
    }

    [Test]
    public async Task Logs_one_line_for_a_flood_of_invalid_metrics()
    {
        var logs = new CapturedLogs();
        await using var services = Services(logs);
        var batch = Enumerable.Range(0, 500).Select(i => Incoming(Metric("invalid_flood") with { Value = i % 2 == 0 ? 1 : double.NaN }, i)).ToArray();

        await Handle(services.GetRequiredService<MetricBatchHandler>(), batch, []);

        var warnings = logs.Entries.Where(entry => entry.Level >= LogLevel.Warning && entry.Category.EndsWith("MetricBatchHandler", StringComparison.Ordinal)).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Text, Does.StartWith("250 of 500 metrics from isolation-topic[3]@0..499 invalid"));
    }

    private static IncomingMetric[] Flood(string name) =>
        Enumerable.Range(0, BatchSize).Select(i => Incoming(Metric(i % 2 == 1 ? "refused_" + name : name), i)).ToArray();

    private ServiceProvider Services(CapturedLogs logs)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Metrics"] = connectionString })
            .Build();
        var services = new ServiceCollection().AddLogging(logging => logging.AddProvider(logs)).AddMetrics().AddIngestionStorage(configuration);
        services.AddOptions<WorkerOptions>();
        services.AddSingleton(TimeProvider.System).AddSingleton<WorkerStatistics>().AddSingleton<MetricRowIsolation>()
            .AddSingleton<MetricBatchPersister>().AddSingleton<MetricBatchHandler>();
        return services.BuildServiceProvider();
    }

    private static MetricRecorded Metric(string name) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name,
        Value = 1,
        Timestamp = DateTimeOffset.UtcNow,
        Labels = new Dictionary<string, string> { ["host"] = "a" },
    };

    private static IncomingMetric Incoming(MetricRecorded metric, long offset) => new(metric, "isolation-topic", 3, offset);

    /// <summary>Handles <paramref name="batch"/> and collects what the handler rejected.</summary>
    private static async Task<int> Handle(MetricBatchHandler handler, IReadOnlyList<IncomingMetric> batch, List<MetricRejection> rejections)
    {
        var result = await handler.HandleAsync(batch, CancellationToken.None);
        rejections.AddRange(result.Rejected);
        return result.Inserted;
    }

    private async Task<long> AttemptsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM insert_attempts", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountAsync(string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM metrics_with_series WHERE name = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

using Ingestion.Consumers;
using Ingestion.Consumers.Persisting;
using Ingestion.Consumers.Statistics;
using Ingestion.Contracts;
using Ingestion.Storage.Extensions;
using Ingestion.Storage.Migrating;
using Ingestion.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>However many metrics of a batch are bad, the handler's log stays short and carries what an operator needs.</summary>
public sealed class The_batch_handler_log
{
    private string connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await TestInfrastructure.CreateDatabaseAsync("handler_log");
        await using (var services = Services(new CapturedLogs()))
            await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(RefusingRowsByName.Sql("refused_in_log"), connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Logs_one_line_for_a_flood_of_invalid_metrics()
    {
        var logs = new CapturedLogs();
        await using var services = Services(logs);
        var batch = Enumerable.Range(0, 500).Select(i => Incoming(Metric("invalid_flood") with { Value = i % 2 == 0 ? 1 : double.NaN }, i)).ToArray();

        await services.GetRequiredService<MetricBatchHandler>().HandleAsync(batch, CancellationToken.None);

        var warnings = Warnings(logs);
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Text, Does.StartWith("250 of 500 metrics from isolation-topic[3]@0..499 invalid"));
    }

    [Test]
    public async Task Logs_a_window_PostgreSQL_refuses_for_a_rows_data_below_warning_with_its_sqlstate()
    {
        // The rider splits such a window about 2 log2(n) times to isolate one row and logs the dead letter itself:
        // a warning per split would flood the log.
        var logs = new CapturedLogs();
        await using var services = Services(logs);
        var batch = Enumerable.Range(0, 20).Select(i => Incoming(Metric(i == 11 ? "refused_in_log" : "beside_in_log"), i)).ToArray();

        Assert.ThrowsAsync<PostgresException>(() => services.GetRequiredService<MetricBatchHandler>().HandleAsync(batch, CancellationToken.None));

        var lines = logs.Entries.Where(entry => entry.Category.EndsWith("MetricBatchHandler", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Warnings(logs), Is.Empty);
            Assert.That(lines, Has.Count.EqualTo(1));
            Assert.That(lines[0].Text, Does.Contain("isolation-topic[3]@0..19").And.Contain("SQLSTATE 23514"));
            Assert.That(lines[0].Exception, Is.Null, "no stack trace");
        });
    }

    [Test]
    public async Task Names_each_partitions_records_of_a_batch_that_combines_several_partitions()
    {
        var logs = new CapturedLogs();
        await using var services = Services(logs);
        var batch = Enumerable.Range(0, 5).Select(i => Incoming(Metric(i == 2 ? "refused_in_log" : "beside_in_log"), i))
            .Concat(Enumerable.Range(10, 3).Select(i => new IncomingMetric(Metric("beside_in_log"), "isolation-topic", 7, i))).ToArray();

        Assert.ThrowsAsync<PostgresException>(() => services.GetRequiredService<MetricBatchHandler>().HandleAsync(batch, CancellationToken.None));

        var lines = logs.Entries.Where(entry => entry.Category.EndsWith("MetricBatchHandler", StringComparison.Ordinal)).ToList();
        Assert.That(lines.Single().Text, Does.Contain("of the 8 metrics from isolation-topic[3]@0..4, isolation-topic[7]@10..12 for its data"));
    }

    private static List<CapturedLogs.LogEntry> Warnings(CapturedLogs logs) =>
        [.. logs.Entries.Where(entry => entry.Level >= LogLevel.Warning && entry.Category.EndsWith("MetricBatchHandler", StringComparison.Ordinal))];

    private ServiceProvider Services(CapturedLogs logs)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Metrics"] = connectionString })
            .Build();
        var services = new ServiceCollection().AddLogging(logging => logging.AddProvider(logs)).AddMetrics().AddIngestionStorage(configuration);
        services.AddOptions<WorkerOptions>();
        services.AddSingleton(TimeProvider.System).AddSingleton<WorkerStatistics>().AddSingleton<MetricBatchHandler>();
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
}

using System.Diagnostics;
using Confluent.Kafka;
using Ingestion.Consumers;
using Ingestion.Consumers.Persisting;
using Ingestion.Contracts;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Redelivery;
using Ingestion.Storage.Extensions;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Kafka.Core;
using Ingestion.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>
/// What k poison rows cost in a 1,000-metric window with the pipeline's only poison isolation, the rider's window bisection
/// (the settlement splitting the window and the writer writing each part again, as the worker's handler does). Prints wall
/// time and the row inserts PostgreSQL was asked for; no assertions on time. (The persister's row isolation it was measured
/// against, one transaction with a savepoint per row, is gone: 8,291 vs 489 ms for one poison row, 6,332 vs 3,052 ms for
/// ten, on a busy machine.) Run: dotnet test Ingestion.Tests --filter "FullyQualifiedName~Measuring_poison_isolation".
/// </summary>
[TestFixture, Explicit("a measurement, not a test")]
public sealed class Measuring_poison_isolation
{
    private const int Window = 1_000;
    private string connectionString = string.Empty;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        connectionString = await TestInfrastructure.CreateDatabaseAsync("poison_cost");
        await using (var services = Services())
            await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            CREATE SEQUENCE insert_attempts;
            CREATE FUNCTION refuse_flagged() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM nextval('insert_attempts');
                IF (SELECT s.name FROM series s WHERE s.id = NEW.series_id) LIKE 'refused%' THEN RAISE EXCEPTION 'refused' USING ERRCODE = '23514'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER refuse_flagged BEFORE INSERT ON metrics FOR EACH ROW EXECUTE FUNCTION refuse_flagged();
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    [TestCase(0), TestCase(1), TestCase(10)]
    public async Task Window_bisection_in_the_rider(int poison)
    {
        await using var services = Services();
        var writer = services.GetRequiredService<MetricWriter>();
        await Bisect(writer, poison); // warm-up
        var (elapsed, rows) = await Measure(() => Bisect(writer, poison));
        TestContext.Out.WriteLine($"rider bisection, {poison} poison in {Window}: {elapsed.TotalMilliseconds:F1} ms, {rows} row inserts asked of PostgreSQL");
    }

    private async Task Bisect(MetricWriter writer, int poison)
    {
        var batch = Batch(poison);
        var byOffset = batch.ToDictionary(m => m.Offset, m => m.Metric);
        var dispatcher = new WritingDispatcher(writer, byOffset);
        var rules = new SettlementRules(TransientExceptions.IsTransient, RecordFaults.IsRecordFault, 0, [TimeSpan.Zero]);
        var settlement = new WindowSettlement(dispatcher, rules, CoreRecords.Telemetry);
        var window = batch.Select(m => CoreRecords.Record(m.Offset)).ToList();
        var first = await dispatcher.DispatchAsync(window, settlement.FirstAttempt(window.Count), CancellationToken.None);
        if (first.Failures is not null)
            await settlement.SettleAsync(window, first, new SettlementScope(0, new PartitionBlockage(), CancellationToken.None, CancellationToken.None));
    }

    private async Task<(TimeSpan Elapsed, long Rows)> Measure(Func<Task> run)
    {
        var before = await Attempts();
        var started = Stopwatch.GetTimestamp();
        await run();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (elapsed, await Attempts() - before);
    }

    private static IncomingMetric[] Batch(int poison) => [.. Enumerable.Range(0, Window).Select(i => new IncomingMetric(new MetricRecorded
    {
        Id = Guid.CreateVersion7(),
        Name = i % (Window / Math.Max(1, poison)) == 7 && poison > 0 ? "refused_cost" : "cost",
        Value = i,
        Timestamp = DateTimeOffset.UtcNow,
        Labels = new Dictionary<string, string> { ["host"] = "a" },
    }, "cost-topic", 0, i))];

    private async Task<long> Attempts()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM insert_attempts", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Metrics"] = connectionString })
            .Build();
        var services = new ServiceCollection().AddLogging().AddMetrics().AddIngestionStorage(configuration);
        services.AddOptions<WorkerOptions>();
        return services.BuildServiceProvider();
    }

    /// <summary>The rider's dispatch of a window to a consumer that writes it with one statement and lets a refusal fail the batch.</summary>
    private sealed class WritingDispatcher(MetricWriter writer, Dictionary<long, MetricRecorded> metrics) : IWindowDispatcher
    {
        public async Task<DispatchOutcome> DispatchAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchAttempt attempt, CancellationToken cancellationToken)
        {
            try
            {
                await writer.WriteAsync([.. records.Select(r => metrics[r.Offset.Value])], cancellationToken);
                return DispatchOutcome.Completed;
            }
            catch (PostgresException exception) when (records.Count == 1 && attempt.IsFinal(exception))
            {
                return DispatchOutcome.Completed; // the error pipe dead-letters it
            }
            catch (PostgresException exception)
            {
                return new DispatchOutcome([.. records.Select(r => new RecordFailure(r, exception))], 1);
            }
        }
    }
}

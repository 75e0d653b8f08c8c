using Ingestion.Storage.Extensions;
using Ingestion.Storage.Migrating;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Benchmarks.Worker;

/// <summary>A fresh, migrated database on the server given by <c>--connection</c> (or ConnectionStrings__Metrics).</summary>
internal static class BenchmarkDatabase
{
    public static async Task<string> CreateAsync(BenchmarkArguments arguments)
    {
        var server = arguments.String("connection") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Metrics")
            ?? throw new InvalidOperationException("Pass --connection \"Host=...;Username=...;Password=...\" (or set ConnectionStrings__Metrics).");
        return await CreateAsync(server);
    }

    public static async Task<string> CreateAsync(string server)
    {
        var name = $"bench_{Guid.NewGuid():N}"[..20];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        var database = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        await using var services = Services(database);
        await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return database;
    }

    /// <summary>Drops a database made by <see cref="CreateAsync(string)"/> (each run leaves 400,000 rows and their WAL behind).</summary>
    public static async Task DropAsync(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database);
        var name = builder.Database!;
        builder.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Has the server write a checkpoint, so a run does not pay for the previous run's dirty pages (without it the first of
    /// several runs was always the fastest). A server that refuses (no superuser or pg_checkpoint) keeps its own schedule.
    /// </summary>
    public static async Task CheckpointAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        try
        {
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection);
            await checkpoint.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            Console.Error.WriteLine("  (no CHECKPOINT before the run: the benchmark user may not run it)");
        }
    }

    public static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Metrics"] = connectionString })
            .Build();
        return new ServiceCollection().AddLogging().AddIngestionStorage(configuration).BuildServiceProvider();
    }

    public static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM metrics", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Rows per second after the first <paramref name="skip"/> rows, from <c>ingested_at</c> (each transaction's start):
    /// the rows written from the first measured transaction up to, not including, the last one, over the time between them.
    /// </summary>
    public static async Task<double> IngestRateAsync(string connectionString, long skip)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH bounds AS (
                SELECT (SELECT ingested_at FROM metrics ORDER BY ingested_at OFFSET @skip LIMIT 1) AS first,
                       (SELECT max(ingested_at) FROM metrics) AS last)
            SELECT count(*)::float8 / extract(epoch FROM (SELECT last - first FROM bounds))
            FROM metrics, bounds WHERE ingested_at >= bounds.first AND ingested_at < bounds.last
            """, connection);
        command.Parameters.AddWithValue("skip", skip);
        return (double)(await command.ExecuteScalarAsync())!;
    }
}

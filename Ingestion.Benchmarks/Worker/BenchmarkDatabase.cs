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

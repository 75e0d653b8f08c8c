using Ingestion.Kafka.Embedded;
using Npgsql;

namespace Ingestion.Tests.Support;

/// <summary>
/// The real infrastructure every integration test shares: one PostgreSQL server and one embedded Kafka-protocol broker,
/// started once by <see cref="AssemblySetUp"/>. Set <c>INGESTION_POSTGRES</c> to a connection string to use an existing server.
/// </summary>
public static class TestInfrastructure
{
    private static ThrowawayPostgres? ownedPostgres;
    private static EmbeddedKafkaBroker? kafka;
    private static string? postgresConnectionString;
    private static int databaseCounter;

    public static string PostgresConnectionString =>
        postgresConnectionString ?? throw new InvalidOperationException("PostgreSQL is not started; is AssemblySetUp running?");

    public static EmbeddedKafkaBroker Kafka =>
        kafka ?? throw new InvalidOperationException("The embedded broker is not started; is AssemblySetUp running?");

    /// <summary>A fresh, empty database for one test class.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}".ToLowerInvariant();
        if (ownedPostgres is not null)
            return await ownedPostgres.CreateDatabaseAsync(name);
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A topic name no other test uses, created on the embedded broker.</summary>
    public static string CreateTopic(string prefix, int partitions = 3)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, prefix.Length + 33)];
        Kafka.CreateTopic(name, partitions);
        return name;
    }

    internal static async Task StartAsync()
    {
        kafka = EmbeddedKafkaBroker.Start(brokerCount: 1);
        var external = Environment.GetEnvironmentVariable("INGESTION_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            postgresConnectionString = external;
            return;
        }
        ownedPostgres = await ThrowawayPostgres.StartAsync();
        postgresConnectionString = ownedPostgres.ConnectionString;
    }

    internal static async Task StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (ownedPostgres is not null)
        {
            await ownedPostgres.DisposeAsync();
            ownedPostgres = null;
        }
        kafka?.Dispose();
        kafka = null;
    }
}

using System.Diagnostics;
using Npgsql;

namespace Ingestion.Tests.Worker;

/// <summary>Reads the worker's results straight from PostgreSQL.</summary>
internal static class MetricsTable
{
    public static async Task<long> CountAsync(string connectionString, string? name = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM metrics_with_series WHERE @name IS NULL OR name = @name", connection);
            command.Parameters.Add(new NpgsqlParameter<string?>("name", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = name });
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            // The server restarted under this test's pooled connections (outage tests): the worker has a pool of its own
            // (a named data source), so nothing else clears these. Drop them; the next poll counts on a fresh one.
            NpgsqlConnection.ClearPool(connection);
            return 0;
        }
    }

    public static async Task<HashSet<Guid>> IdsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id FROM metrics", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<Guid>();
        while (await reader.ReadAsync())
            ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>Waits until the table holds <paramref name="expected"/> rows (or the timeout passes) and returns the last count.</summary>
    public static async Task<long> WaitForCountAsync(string connectionString, long expected, TimeSpan timeout, string? name = null)
    {
        var stopwatch = Stopwatch.StartNew();
        long count;
        while ((count = await CountAsync(connectionString, name)) < expected && stopwatch.Elapsed < timeout)
            await Task.Delay(200);
        return count;
    }
}

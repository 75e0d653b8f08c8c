using System.Text.Json;
using Ingestion.Tests.Worker;
using Npgsql;

namespace Ingestion.Tests.EndToEnd;

/// <summary>Reads whole rows of <c>metrics</c> straight from PostgreSQL, to compare them with what a producer wrote.</summary>
internal static class StoredMetrics
{
    public static async Task<List<StoredMetric>> ReadAsync(string connectionString, string name)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, name, value, \"timestamp\", labels::text FROM metrics_with_series WHERE name = @name ORDER BY id", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("name", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<StoredMetric>();
        while (await reader.ReadAsync())
        {
            rows.Add(new StoredMetric(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetDouble(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4))!));
        }
        return rows;
    }

    /// <summary>Waits until <paramref name="expected"/> rows named <paramref name="name"/> exist (or the timeout passes), then reads them.</summary>
    public static async Task<List<StoredMetric>> WaitForAsync(string connectionString, string name, int expected, TimeSpan timeout)
    {
        await MetricsTable.WaitForCountAsync(connectionString, expected, timeout, name);
        return await ReadAsync(connectionString, name);
    }
}

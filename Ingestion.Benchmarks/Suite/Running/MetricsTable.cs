using Npgsql;

namespace Ingestion.Benchmarks.Suite.Running;

/// <summary>Questions the suite asks of the <c>metrics</c> table after a run.</summary>
internal static class MetricsTable
{
    /// <summary>Rows and distinct ids (of one metric name, or all): a duplicate is a second row with an id already stored.</summary>
    public static async Task<(long Rows, long DistinctIds)> CountAsync(string database, string? name = null)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT id) FROM " + (name is null ? "metrics" : "metrics_with_series WHERE name = @name"), connection);
        if (name is not null) command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Polls until <paramref name="expected"/> rows of <paramref name="name"/> are stored or <paramref name="timeout"/> passes; returns the last counts.</summary>
    public static async Task<(long Rows, long DistinctIds)> WaitForRowsAsync(string database, string name, long expected, TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var counts = await CountAsync(database, name);
            if (counts.Rows >= expected || watch.Elapsed > timeout) return counts;
            await Task.Delay(250);
        }
    }

    /// <summary>Rows stored in each second from the first row on (by <c>ingested_at</c>, each insert transaction's start).</summary>
    public static async Task<List<double>> RowsPerSecondAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT floor(extract(epoch FROM ingested_at - (SELECT min(ingested_at) FROM metrics)))::int AS second, count(*)
            FROM metrics GROUP BY 1 ORDER BY 1
            """, connection);
        var perSecond = new List<double>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var second = reader.GetInt32(0);
            while (perSecond.Count < second) perSecond.Add(0);
            perSecond.Add(reader.GetInt64(1));
        }
        return perSecond;
    }

    /// <summary>Acceptance-to-row latency (ms) of one metric name's rows: <c>ingested_at - received_at</c>, percentiles and max.</summary>
    public static async Task<(double P50, double P90, double P99, double Max)> AcceptanceToRowAsync(string database, string name)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT percentile_cont(0.50) WITHIN GROUP (ORDER BY ms), percentile_cont(0.90) WITHIN GROUP (ORDER BY ms),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
            FROM (SELECT extract(epoch FROM ingested_at - received_at)::float8 * 1000 AS ms FROM metrics_with_series WHERE name = @name) t
            """, connection);
        command.Parameters.AddWithValue("name", name);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        double Value(int i) => reader.IsDBNull(i) ? double.NaN : reader.GetDouble(i);
        return (Value(0), Value(1), Value(2), Value(3));
    }
}

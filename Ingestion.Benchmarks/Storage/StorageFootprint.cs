using System.Globalization;
using Npgsql;

namespace Ingestion.Benchmarks.Storage;

/// <summary>What the bytes per stored metric are made of: heap and each index of raw rows, the rollups, the series.</summary>
internal static class StorageFootprint
{
    private const string Parts = """
        SELECT part, sum(bytes)::bigint FROM (
            SELECT 'raw heap' AS part, pg_relation_size(c.oid) AS bytes
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'metrics'::regclass
            UNION ALL
            SELECT 'raw ' || pi.relname, pg_relation_size(ci.oid)
            FROM pg_inherits i JOIN pg_index x ON x.indrelid = i.inhrelid JOIN pg_class ci ON ci.oid = x.indexrelid
            JOIN pg_inherits ii ON ii.inhrelid = ci.oid JOIN pg_class pi ON pi.oid = ii.inhparent
            WHERE i.inhparent = 'metrics'::regclass
            UNION ALL
            SELECT p.relname || ' (all)', pg_total_relation_size(c.oid)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname IN ('rollup_1m', 'rollup_1h')
            UNION ALL
            SELECT 'series (all)', pg_total_relation_size('series')
        ) parts GROUP BY part ORDER BY part
        """;

    /// <summary>One line: each part in bytes per stored metric, and the rollup rows per metric.</summary>
    public static async Task<string> DescribeAsync(string database, long metrics)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var parts = new List<string>();
        await using (var command = new NpgsqlCommand(Parts, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)}={reader.GetInt64(1) / (double)metrics:F1}"));
        }
        await using var rows = new NpgsqlCommand("SELECT (SELECT count(*) FROM rollup_1m)::float8 / @n, (SELECT count(*) FROM rollup_1h)::float8 / @n", connection);
        rows.Parameters.AddWithValue("n", (double)metrics);
        await using var rowReader = await rows.ExecuteReaderAsync();
        await rowReader.ReadAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"bytes per metric: {string.Join(", ", parts)}; rollup rows per metric: 1m={rowReader.GetDouble(0):F3} 1h={rowReader.GetDouble(1):F4}");
    }
}

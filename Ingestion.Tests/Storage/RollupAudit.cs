using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>Recomputes both rollup tables from the raw rows and counts the buckets that differ in any column.</summary>
internal static class RollupAudit
{
    private const string Mismatches = """
        WITH raw AS (
            SELECT s.id AS series_id, date_bin(@bucket, m."timestamp", TIMESTAMPTZ 'epoch') AS bucket,
                   count(*) AS count, sum(m.value::numeric) AS sum, min(m.value) AS min, max(m.value) AS max
            FROM metrics m JOIN series s ON s.id = m.series_id
            GROUP BY 1, 2
        )
        SELECT count(*) FROM raw FULL JOIN {0} r ON r.series_id = raw.series_id AND r.bucket = raw.bucket
        WHERE raw.count IS DISTINCT FROM r.count OR raw.sum IS DISTINCT FROM r.sum
           OR raw.min IS DISTINCT FROM r.min OR raw.max IS DISTINCT FROM r.max
        """;

    /// <returns>Mismatching buckets in rollup_1m and rollup_1h (both 0 when the rollups are exact).</returns>
    public static async Task<(long Minute, long Hour)> MismatchesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return (await CountAsync(connection, "rollup_1m", TimeSpan.FromMinutes(1)), await CountAsync(connection, "rollup_1h", TimeSpan.FromHours(1)));
    }

    public static async Task<long> RollupCountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT coalesce(sum(count), 0)::bigint FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, TimeSpan bucket)
    {
        await using var command = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Mismatches, table), connection);
        command.Parameters.AddWithValue("bucket", bucket);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

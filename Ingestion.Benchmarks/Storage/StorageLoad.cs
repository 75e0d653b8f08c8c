using Npgsql;

namespace Ingestion.Benchmarks.Storage;

/// <summary>
/// Loads synthetic samples straight into PostgreSQL (no Kafka, no worker): raw rows and, in the same statement, their
/// 1-minute and 1-hour rollups, the way the writer maintains them. Series: <c>metric_{s % 10}</c> with
/// <c>host=h{s / 10}</c>, timestamps spread at random over the last <c>days</c> days, each chunk inserted in time order
/// with time-ordered ids (as the worker writes what the API accepted).
/// </summary>
internal static class StorageLoad
{
    private const string CreateSeries = """
        INSERT INTO series (key, name, labels)
        SELECT ingestion_series_key(n, l), n, l
        FROM (SELECT 'metric_' || (s % 10) AS n, jsonb_build_object('host', 'h' || (s / 10)) AS l FROM generate_series(0, @series - 1) s) d
        ON CONFLICT (key) DO NOTHING
        """;

    private const string LoadChunk = """
        WITH input AS (
            -- Time-ordered ids (UUIDv7: milliseconds first, version 7, as the API assigns them), inserted in time order.
            SELECT encode(set_byte(t.b, 6, (get_byte(t.b, 6) & 15) | 112), 'hex')::uuid AS id, t.series_id, t.value, t.ts
            FROM (SELECT overlay(uuid_send(gen_random_uuid()) PLACING substring(int8send((extract(epoch FROM t.ts) * 1000)::bigint) FROM 3) FROM 1) AS b,
                         t.series_id, t.value, t.ts
            FROM (
                SELECT s.id AS series_id, round((random() * 1000)::numeric, 2)::float8 AS value, @end - random() * @span AS ts
                FROM generate_series(1, @count) g
                JOIN series s ON s.id = 1 + (g % @series)
            ) t) t
            ORDER BY t.ts
        ),
        inserted AS (
            INSERT INTO metrics (id, series_id, value, "timestamp", received_at)
            SELECT id, series_id, value, ts, ts FROM input
            RETURNING id
        ),
        minutes AS (
            SELECT i.series_id, date_bin('1 minute', i.ts, TIMESTAMPTZ 'epoch') AS bucket,
                   count(*) AS count, sum(i.value::numeric) AS sum, min(i.value) AS min, max(i.value) AS max
            FROM input i GROUP BY 1, 2
        ),
        minute_rollups AS (
            INSERT INTO rollup_1m AS r (series_id, bucket, count, sum, min, max) SELECT * FROM minutes
            ON CONFLICT (series_id, bucket) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum,
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)
        )
        INSERT INTO rollup_1h AS r (series_id, bucket, count, sum, min, max)
        SELECT series_id, date_bin('1 hour', bucket, TIMESTAMPTZ 'epoch'), sum(count), sum(sum), min(min), max(max) FROM minutes GROUP BY 1, 2
        ON CONFLICT (series_id, bucket) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum,
            min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)
        """;

    public static async Task AddAsync(string database, int series, int days, DateTimeOffset end, long count)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await ExecuteAsync(connection, CreateSeries, ("series", series));
        await ExecuteAsync(connection, "SELECT ingestion_ensure_partitions(@first, @last)", ("first", end.AddDays(-days).UtcDateTime), ("last", end.UtcDateTime));
        for (long done = 0; done < count; done += 500_000)
        {
            await ExecuteAsync(connection, LoadChunk, ("series", series), ("end", end.UtcDateTime), ("span", TimeSpan.FromDays(days)),
                ("count", (int)Math.Min(500_000, count - done)));
            Console.Error.WriteLine($"  loaded {Math.Min(count, done + 500_000):N0} more rows");
        }
        await ExecuteAsync(connection, "VACUUM ANALYZE");
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}

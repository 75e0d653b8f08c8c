namespace Ingestion.Storage.Writing;

/// <summary>The writer's statements; see Ingestion.Storage/README.md ("Writing") for why each clause is there.</summary>
internal static class WriterSql
{
    /// <summary>
    /// Creates the series of a batch that do not exist yet and returns every one's id, by input position. Existing series
    /// are skipped before the insert, so the identity sequence only advances for new ones. A series another transaction
    /// inserted after this statement's snapshot comes back NULL; the caller asks again.
    /// </summary>
    public const string ResolveSeries = """
        WITH input AS (
            SELECT u.ord, u.name, u.labels::jsonb AS labels, ingestion_series_key(u.name, u.labels::jsonb) AS key
            FROM unnest(@names, @labels) WITH ORDINALITY AS u(name, labels, ord)
        ),
        created AS (
            INSERT INTO series (key, name, labels)
            SELECT DISTINCT ON (key) key, name, labels FROM input i
            WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.key = i.key)
            ORDER BY key
            ON CONFLICT (key) DO NOTHING
            RETURNING id, key
        )
        SELECT i.ord::int AS "Position", coalesce(c.id, s.id) AS "SeriesId"
        FROM input i LEFT JOIN created c ON c.key = i.key LEFT JOIN series s ON s.key = i.key
        """;

    /// <summary>
    /// One atomic statement: the raw rows, then the rollups of exactly the rows this insert created (RETURNING), so a
    /// redelivered or replayed batch adds nothing twice. Rows go in id order and rollups in (series, bucket) order, so
    /// two workers writing overlapping batches lock in the same order and cannot deadlock. A record already stored (the
    /// same timestamp and id) is skipped, and so is a restamped one within the idempotency window (see
    /// <see cref="RawInsert"/> and the README on partitioning). <c>OFFSET 0</c> keeps each probe a subplan run per row
    /// (one primary-key probe of one partition; the window's in one to three partitions of a small partial index): as a join,
    /// the planner hashed the whole day partition for every batch once its statistics made that look cheaper, and the
    /// writer slowed down as the day filled up (docs/benchmarks.md, "Storage").
    /// <para>
    /// No <c>ON CONFLICT</c>: the probe already skips every committed row with the same key, and speculative insertion
    /// cost a second primary-key descent and a WAL record per row (a fifth of the statement's CPU, docs/benchmarks.md
    /// "Writer"). What the probe cannot see is a row another transaction inserted and has not committed yet (two workers
    /// during a rebalance): the unique check waits for it and fails with 23505, and the writer runs
    /// <see cref="InsertWithRollupsOnConflict"/> instead, whose snapshot sees that row.
    /// </para>
    /// </summary>
    public const string InsertWithRollups = Input + RawInsert + Returning + Rollups;

    /// <summary>
    /// <see cref="InsertWithRollups"/> with <c>ON CONFLICT DO NOTHING</c>: the writer's second try after a unique violation
    /// (a concurrent insert of the same id), where waiting for the other transaction and skipping its rows is what it wants.
    /// </summary>
    public const string InsertWithRollupsOnConflict = Input + RawInsert + OnConflict + Returning + Rollups;

    /// <summary>The same raw insert without rollups; only for the benchmark that measures what rollups cost.</summary>
    public const string InsertWithoutRollups = Input + RawInsert + Returning + "\n" + CountInserted;

    /// <summary><see cref="InsertWithoutRollups"/> with <c>ON CONFLICT DO NOTHING</c>, its second try.</summary>
    public const string InsertWithoutRollupsOnConflict = Input + RawInsert + OnConflict + Returning + "\n" + CountInserted;

    /// <summary>The batch, each id once (the first in input order).</summary>
    private const string Input = """
        WITH input AS (
            SELECT DISTINCT ON (u.id) u.id, u.series_id, u.value, u.ts, u.received
            FROM unnest(@ids, @series, @values, @timestamps, @received) WITH ORDINALITY AS u(id, series_id, value, ts, received, ord)
            ORDER BY u.id, u.ord
        ),

        """;

    /// <summary>
    /// The raw rows of the batch, skipping records already stored, with one probe per row: a row with its own timestamp by the
    /// same (timestamp, id), looked up exactly in the primary key; a row stamped at receipt (whatever its id's version) by
    /// the same id stamped at any time within the idempotency window, looked up in the partial index
    /// <c>ix_metrics_stamped_id</c> (its predicate spelt as in <see cref="Schema.TimeOrderedKeySql.StampedPredicate"/>, so the
    /// planner matches it), which also holds an earlier copy of the same record (stamped alike). A stored row with the same
    /// (timestamp, id) that the window probe cannot see (stamped differently) makes the insert fail with 23505, and the
    /// writer's second try skips it (<see cref="InsertWithRollupsOnConflict"/>).
    /// </summary>
    private const string RawInsert = """
        inserted AS (
            INSERT INTO metrics (id, series_id, value, "timestamp", received_at)
            SELECT i.id, i.series_id, i.value, i.ts, i.received FROM input i
            WHERE (i.ts <> i.received AND NOT EXISTS (
                SELECT 1 FROM metrics m WHERE m."timestamp" = i.ts AND m.id = i.id
                OFFSET 0))
            OR (i.ts = i.received AND NOT EXISTS (
                SELECT 1 FROM metrics m
                WHERE m.id = i.id AND m."timestamp" = m.received_at
                  AND m."timestamp" >= i.ts - @window AND m."timestamp" <= i.ts + @window
                OFFSET 0))

        """;

    private const string OnConflict = "    ON CONFLICT DO NOTHING\n";

    /// <summary><c>inserted</c> holds what the rollups need of each row this statement created (no join back to the input).</summary>
    private const string Returning = """
            RETURNING series_id, value, "timestamp" AS ts
        )
        """;

    /// <summary>The 1-minute rollups of the inserted rows, and the 1-hour rollups from those; then the count of new rows.</summary>
    private const string Rollups = ",\n" + """
        minutes AS (
            SELECT n.series_id, date_bin('1 minute', n.ts, TIMESTAMPTZ 'epoch') AS bucket,
                   count(*) AS count, sum(n.value::numeric) AS sum, min(n.value) AS min, max(n.value) AS max
            FROM inserted n
            GROUP BY 1, 2
        ),
        minute_rollups AS (
            INSERT INTO rollup_1m AS r (series_id, bucket, count, sum, min, max)
            SELECT series_id, bucket, count, sum, min, max FROM minutes ORDER BY series_id, bucket
            ON CONFLICT (series_id, bucket) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum,
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)
        ),
        hour_rollups AS (
            INSERT INTO rollup_1h AS r (series_id, bucket, count, sum, min, max)
            SELECT series_id, date_bin('1 hour', bucket, TIMESTAMPTZ 'epoch'), sum(count), sum(sum), min(min), max(max)
            FROM minutes GROUP BY 1, 2 ORDER BY 1, 2
            ON CONFLICT (series_id, bucket) DO UPDATE SET count = r.count + excluded.count, sum = r.sum + excluded.sum,
                min = least(r.min, excluded.min), max = greatest(r.max, excluded.max)
        )
        """ + "\n" + CountInserted;

    private const string CountInserted = """SELECT count(*)::int AS "Value" FROM inserted""";

    public const string EnsurePartitions = "SELECT ingestion_ensure_partitions(@first, @last) AS \"Value\"";

    public const string RowInsert = """
        INSERT INTO metrics (id, series_id, value, "timestamp", received_at)
        VALUES (@id, @series, @value, @timestamp, @received)
        ON CONFLICT DO NOTHING
        """;
}

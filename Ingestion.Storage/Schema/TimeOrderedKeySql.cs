namespace Ingestion.Storage.Schema;

/// <summary>
/// Migration <c>TimeOrderedKey</c>: raw rows are keyed by <c>("timestamp", id)</c>, a key that also serves time order, so
/// index <c>ix_metrics_timestamp_id</c> goes (one B-tree insert fewer per row). The idempotency window keeps a partial
/// index of its own, <c>ix_metrics_stamped_id</c>, holding only the rows it can concern (see
/// <see cref="StampedPredicate"/>). Each partition's key is built on its own, reporting progress as <c>NOTICE</c>s (see
/// <see cref="StorageForYearsSql.ProgressPrefix"/>); the parent's key then adopts them.
/// </summary>
internal static class TimeOrderedKeySql
{
    /// <summary>
    /// The rows that may come back with the same id at another timestamp: stamped at receipt (<c>timestamp = received_at</c>,
    /// a metric that carried no timestamp), whatever the id's version: a client's retry with an idempotency key (which
    /// may itself be a UUIDv7) gets a later stamp, and so does each replay of a dead-lettered record without times. A row
    /// with a timestamp of its own has no entry. The writer's window probe spells the same expression, so the planner
    /// matches it to the index.
    /// </summary>
    public const string StampedPredicate = "\"timestamp\" = received_at";

    public const string Up = """
        DROP INDEX IF EXISTS ix_metrics_timestamp_id;
        ALTER TABLE metrics DROP CONSTRAINT pk_metrics;
        DO $$
        DECLARE
            p record;
            total bigint;
            done bigint := 0;
            keyed bigint;
        BEGIN
            SELECT count(*) INTO total FROM metrics;
            FOR p IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'metrics'::regclass ORDER BY c.relname LOOP
                EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY ("timestamp", id)', p.relname, p.relname || '_pkey');
                EXECUTE format('SELECT count(*) FROM %I', p.relname) INTO keyed;
                done := done + keyed;
                IF keyed > 0 THEN -- an empty partition is no progress worth a line
                    RAISE NOTICE 'ingestion-progress: keyed % of % rows by (timestamp, id) (partition %)', done, total, substr(p.relname, 9, 9);
                END IF;
            END LOOP;
        END $$;
        -- Adopts the partitions' keys built above (same columns, each a primary key) instead of building them again.
        ALTER TABLE metrics ADD CONSTRAINT pk_metrics PRIMARY KEY ("timestamp", id);
        CREATE INDEX ix_metrics_stamped_id ON metrics (id) WHERE
        """ + " " + StampedPredicate + ";\n";

    public const string Down = """
        DROP INDEX ix_metrics_stamped_id;
        ALTER TABLE metrics DROP CONSTRAINT pk_metrics;
        ALTER TABLE metrics ADD CONSTRAINT pk_metrics PRIMARY KEY (id, "timestamp");
        CREATE INDEX ix_metrics_timestamp_id ON metrics ("timestamp" DESC, id DESC);
        """;
}

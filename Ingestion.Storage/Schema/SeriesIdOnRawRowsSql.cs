namespace Ingestion.Storage.Schema;

/// <summary>
/// Migration <c>SeriesIdOnRawRows</c>: raw rows keep their series' id (table <c>series</c>) instead of its name and labels.
/// The rows move partition by partition into a new day-partitioned table, reporting progress as <c>NOTICE</c>s (see
/// <see cref="StorageForYearsSql.ProgressPrefix"/>); the count is checked before the old table goes. Indexes are built
/// after the copy. Rollups are keyed by series id already and do not change.
/// </summary>
internal static class SeriesIdOnRawRowsSql
{
    public const string Up = """
        DROP INDEX IF EXISTS ix_metrics_name_timestamp;
        DROP INDEX IF EXISTS ix_metrics_labels;
        DROP INDEX IF EXISTS ix_metrics_timestamp_id;
        ALTER TABLE metrics RENAME TO metrics_before_series;
        DO $$
        DECLARE p record;
        BEGIN
            FOR p IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'metrics_before_series'::regclass LOOP
                EXECUTE format('ALTER TABLE %I RENAME TO %I', p.relname, p.relname || '_before_series');
            END LOOP;
        END $$;

        CREATE TABLE metrics (
            id uuid NOT NULL,
            series_id integer NOT NULL,
            value double precision NOT NULL,
            "timestamp" timestamptz NOT NULL,
            received_at timestamptz NOT NULL,
            ingested_at timestamptz NOT NULL DEFAULT now()
        ) PARTITION BY RANGE ("timestamp");

        DO $$
        DECLARE
            p record;
            total bigint;
            done bigint := 0;
            moved bigint;
        BEGIN
            SELECT count(*) INTO total FROM metrics_before_series;
            FOR p IN SELECT c.relname, substr(c.relname, 10, 8)::date::timestamp AT TIME ZONE 'UTC' AS day
                     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'metrics_before_series'::regclass ORDER BY c.relname LOOP
                PERFORM ingestion_ensure_partitions(p.day, p.day);
                -- Rows written without rollups (or by hand) may have no series yet.
                EXECUTE format($sql$
                    INSERT INTO series (key, name, labels)
                    SELECT DISTINCT ON (key) key, name, labels
                    FROM (SELECT DISTINCT name, labels, ingestion_series_key(name, labels) AS key FROM %I) d
                    WHERE NOT EXISTS (SELECT 1 FROM series s WHERE s.key = d.key)
                    ORDER BY key
                    ON CONFLICT (key) DO NOTHING $sql$, p.relname);
                EXECUTE format($sql$
                    INSERT INTO metrics (id, series_id, value, "timestamp", received_at, ingested_at)
                    SELECT m.id, s.id, m.value, m."timestamp", m.received_at, m.ingested_at
                    FROM %I m JOIN series s ON s.key = ingestion_series_key(m.name, m.labels) $sql$, p.relname);
                GET DIAGNOSTICS moved = ROW_COUNT;
                done := done + moved;
                IF moved > 0 THEN -- an empty partition is no progress worth a line
                    RAISE NOTICE 'ingestion-progress: moved % of % rows to series ids (partition %)', done, total, substr(p.relname, 9, 9);
                END IF;
            END LOOP;
            IF (SELECT count(*) FROM metrics) <> total THEN
                RAISE EXCEPTION 'moved % rows but the old table holds %; nothing was changed', (SELECT count(*) FROM metrics), total;
            END IF;
        END $$;
        DROP TABLE metrics_before_series;

        ALTER TABLE metrics ADD CONSTRAINT pk_metrics PRIMARY KEY (id, "timestamp");
        CREATE INDEX ix_metrics_series_timestamp ON metrics (series_id, "timestamp" DESC);
        CREATE INDEX ix_metrics_timestamp_id ON metrics ("timestamp" DESC, id DESC);
        """ + View;

    /// <summary>Raw rows with their series' name and labels, for people and tests reading the database by hand.</summary>
    public const string View = """

        CREATE VIEW metrics_with_series AS
        SELECT m.id, m.series_id, s.name, m.value, m."timestamp", s.labels, m.received_at, m.ingested_at
        FROM metrics m JOIN series s ON s.id = m.series_id;
        """;

    public const string Down = """
        DROP VIEW metrics_with_series;
        ALTER TABLE metrics RENAME TO metrics_with_series_ids;
        DO $$
        DECLARE p record;
        BEGIN
            FOR p IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'metrics_with_series_ids'::regclass LOOP
                EXECUTE format('ALTER TABLE %I RENAME TO %I', p.relname, p.relname || '_with_series_ids');
            END LOOP;
        END $$;
        ALTER TABLE metrics_with_series_ids RENAME CONSTRAINT pk_metrics TO pk_metrics_with_series_ids;
        DROP INDEX ix_metrics_series_timestamp;
        DROP INDEX ix_metrics_timestamp_id;
        CREATE TABLE metrics (
            id uuid NOT NULL,
            name text NOT NULL,
            value double precision NOT NULL,
            "timestamp" timestamptz NOT NULL,
            labels jsonb NOT NULL DEFAULT '{}'::jsonb,
            received_at timestamptz NOT NULL,
            ingested_at timestamptz NOT NULL DEFAULT now()
        ) PARTITION BY RANGE ("timestamp");
        DO $$
        DECLARE p record;
        BEGIN
            FOR p IN SELECT c.relname, substr(c.relname, 10, 8)::date::timestamp AT TIME ZONE 'UTC' AS day
                     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                     WHERE i.inhparent = 'metrics_with_series_ids'::regclass ORDER BY c.relname LOOP
                PERFORM ingestion_ensure_partitions(p.day, p.day);
            END LOOP;
        END $$;
        INSERT INTO metrics (id, name, value, "timestamp", labels, received_at, ingested_at)
        SELECT m.id, s.name, m.value, m."timestamp", s.labels, m.received_at, m.ingested_at
        FROM metrics_with_series_ids m JOIN series s ON s.id = m.series_id;
        DROP TABLE metrics_with_series_ids;
        ALTER TABLE metrics ADD CONSTRAINT pk_metrics PRIMARY KEY (id, "timestamp");
        CREATE INDEX ix_metrics_name_timestamp ON metrics (name, "timestamp" DESC);
        CREATE INDEX ix_metrics_labels ON metrics USING gin (labels jsonb_path_ops);
        CREATE INDEX ix_metrics_timestamp_id ON metrics ("timestamp" DESC, id DESC);
        """;
}

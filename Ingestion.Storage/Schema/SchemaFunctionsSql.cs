namespace Ingestion.Storage.Schema;

/// <summary>
/// SQL functions the schema relies on: the series key, overflow-free float8 conversion, and partition creation. Created by
/// migration <c>StorageForYears</c>; the writer, the queries and the retention job call them.
/// </summary>
internal static class SchemaFunctionsSql
{
    public const string Create = """
        -- The identity of a series: its name and its labels as a set (jsonb text is canonical: keys sorted, no duplicates).
        -- Hashed because a btree entry is limited to about 2.7 kB and names plus labels may be longer.
        CREATE FUNCTION ingestion_series_key(name text, labels jsonb) RETURNS bytea
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN sha256(convert_to(length(name)::text || ':' || name || labels::text, 'UTF8'));

        -- numeric to float8 without a range error: values within float8's range convert, values beyond it only by the
        -- rounding of a float8 to 15 significant digits (float8 -> numeric) are clamped, anything larger is NULL; values
        -- below half the smallest subnormal round to zero (the conversion would otherwise fail with an underflow).
        CREATE FUNCTION ingestion_to_float8(x numeric) RETURNS double precision
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN CASE
            WHEN x IS NULL THEN NULL
            WHEN abs(x) <= 2.4703282292062328e-324 THEN 0
            WHEN abs(x) <= 1.7976931348623157e308 THEN x::double precision
            WHEN abs(x) <= 1.79769313486232e308 THEN sign(x)::double precision * 1.7976931348623157e308::double precision
            ELSE NULL END;

        -- Creates one partition without blocking writers or readers of the parent: a plain table with a CHECK constraint
        -- matching the range is attached (SHARE UPDATE EXCLUSIVE on the parent, no scan), then the constraint goes.
        CREATE FUNCTION ingestion_attach_partition(parent text, lower_bound timestamptz, upper_bound timestamptz, suffix text)
        RETURNS integer LANGUAGE plpgsql AS $$
        DECLARE
            child text := parent || '_' || suffix;
            key_column text := CASE parent WHEN 'metrics' THEN 'timestamp' ELSE 'bucket' END;
        BEGIN
            IF to_regclass(quote_ident(child)) IS NOT NULL THEN
                RETURN 0;
            END IF;
            EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', child, parent);
            EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (%I >= %L AND %I < %L)',
                child, child || '_bounds', key_column, lower_bound, key_column, upper_bound);
            EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, child, lower_bound, upper_bound);
            EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', child, child || '_bounds');
            RETURN 1;
        END $$;

        -- Makes sure every partition covering [first_time, last_time] exists: raw rows and 1-minute rollups by UTC day,
        -- 1-hour rollups by UTC month. Returns how many it created. Concurrent callers queue on an advisory lock.
        CREATE FUNCTION ingestion_ensure_partitions(first_time timestamptz, last_time timestamptz)
        RETURNS integer LANGUAGE plpgsql AS $$
        DECLARE
            cur_day timestamptz := date_bin('1 day', first_time, TIMESTAMPTZ 'epoch');
            cur_month timestamp := date_trunc('month', first_time AT TIME ZONE 'UTC');
            created integer := 0;
        BEGIN
            PERFORM pg_advisory_xact_lock(hashtext('ingestion_ensure_partitions'));
            WHILE cur_day <= last_time LOOP
                created := created
                    + ingestion_attach_partition('metrics', cur_day, cur_day + interval '24 hours', to_char(cur_day AT TIME ZONE 'UTC', '"p"YYYYMMDD'))
                    + ingestion_attach_partition('rollup_1m', cur_day, cur_day + interval '24 hours', to_char(cur_day AT TIME ZONE 'UTC', '"p"YYYYMMDD'));
                cur_day := cur_day + interval '24 hours';
            END LOOP;
            WHILE (cur_month AT TIME ZONE 'UTC') <= last_time LOOP
                created := created + ingestion_attach_partition('rollup_1h', cur_month AT TIME ZONE 'UTC',
                    (cur_month + interval '1 month') AT TIME ZONE 'UTC', to_char(cur_month, '"p"YYYYMM'));
                cur_month := cur_month + interval '1 month';
            END LOOP;
            RETURN created;
        END $$;
        """;

    public const string Drop = """
        DROP FUNCTION IF EXISTS ingestion_ensure_partitions(timestamptz, timestamptz);
        DROP FUNCTION IF EXISTS ingestion_attach_partition(text, timestamptz, timestamptz, text);
        DROP FUNCTION IF EXISTS ingestion_to_float8(numeric);
        DROP FUNCTION IF EXISTS ingestion_series_key(text, jsonb);
        """;
}

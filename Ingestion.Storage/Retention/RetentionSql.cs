namespace Ingestion.Storage.Retention;

internal static class RetentionSql
{
    /// <summary>One advisory lock key for the whole job, so exactly one process runs it at a time.</summary>
    public const long LockKey = 0x696E67_726574; // "ing" "ret"

    public const string TryLock = "SELECT pg_try_advisory_lock(@key)";

    public const string Unlock = "SELECT pg_advisory_unlock(@key)";

    public const string EnsureAhead = "SELECT ingestion_ensure_partitions(@first, @last)";

    /// <summary>Every partition of the three tables with its range; a partition left half-detached by an interrupted run too.</summary>
    public const string Partitions = """
        SELECT parent.relname, child.relname,
               (regexp_match(pg_get_expr(child.relpartbound, child.oid), 'FROM \(''([^'']+)''\)'))[1]::timestamptz,
               (regexp_match(pg_get_expr(child.relpartbound, child.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz,
               CASE WHEN child.reltuples < 0 THEN NULL ELSE child.reltuples::bigint END,
               i.inhdetachpending
        FROM pg_inherits i
        JOIN pg_class child ON child.oid = i.inhrelid
        JOIN pg_class parent ON parent.oid = i.inhparent
        WHERE parent.relname IN ('metrics', 'rollup_1m', 'rollup_1h') AND parent.relnamespace = 'public'::regnamespace
        ORDER BY 1, 3
        """;
}

namespace Ingestion.Storage;

/// <summary>Settings under <c>Storage</c>; the connection string is <c>ConnectionStrings:Metrics</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Apply pending migrations when the host starts (on in development, off in production).</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>How many times start-up retries reaching PostgreSQL before it gives up.</summary>
    public int StartupRetryAttempts { get; set; } = 10;

    /// <summary>The longest pause between start-up attempts (they back off exponentially from 0.5 s).</summary>
    public TimeSpan StartupMaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of one write statement, in seconds.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How far apart in time two rows with the same id may be and still be recognised as one: a retried request whose
    /// timestamp the API stamped at receipt carries a later time than the first attempt. See README, "Partitioning".
    /// </summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Longest run of one API query (PostgreSQL <c>statement_timeout</c> on the query connections).</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most PostgreSQL connections the API's queries use at once; further queries wait, then answer 503.</summary>
    public int QueryMaxConnections { get; set; } = 4;

    /// <summary>How long a query waits for one of those connections before it answers 503.</summary>
    public TimeSpan QueryConnectionWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most raw rows one aggregate may read (rollups are not counted); above it the API answers 400.</summary>
    public int MaxAggregateRows { get; set; } = 1_000_000;

    public RetentionOptions Retention { get; set; } = new();
}

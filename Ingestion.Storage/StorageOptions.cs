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
}

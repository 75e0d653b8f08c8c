using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Ingestion.Storage.Schema;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ingestion.Storage.Migrating;

/// <summary>Applies the EF Core migrations; used on start (<see cref="MigrateOnStartService"/>) and by <c>ingestion-ops db migrate</c>.</summary>
public sealed partial class MetricsDatabaseMigrator(
    IDbContextFactory<MetricsDbContext> contexts,
    PostgresAvailability availability,
    ILogger<MetricsDatabaseMigrator> logger)
{
    /// <summary>Waits for PostgreSQL (bounded), creates the database if missing, applies pending migrations.</summary>
    /// <returns>The names of the migrations this call applied (empty when the schema was current).</returns>
    /// <exception cref="StorageUnavailableException">PostgreSQL did not answer within the start-up retries.</exception>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(null, cancellationToken);

    /// <summary>As <see cref="MigrateAsync(CancellationToken)"/>, reporting the progress of long data migrations (a row copy) as lines.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var creator = context.GetService<IRelationalDatabaseCreator>();
        var exists = await availability.WaitAsync(creator.ExistsAsync, cancellationToken);
        // Ask the history repository whether its table exists first: querying a missing one logs a misleading error.
        var history = context.GetService<IHistoryRepository>();
        var applied = exists && await history.ExistsAsync(cancellationToken)
            ? (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToHashSet()
            : [];
        var pending = context.Database.GetMigrations().Where(m => !applied.Contains(m)).ToList();
        if (pending.Count == 0)
        {
            LogCurrent(logger);
            return [];
        }

        // The history table first: EF Core's Migrate probes it with a query that, on a new database, fails and is logged as
        // an error ("Failed executing DbCommand") although nothing is wrong.
        if (exists)
            await history.CreateIfNotExistsAsync(cancellationToken);
        // A data migration copies and summarises every stored row: no statement timeout, and its NOTICEs become progress.
        context.Database.SetCommandTimeout(TimeSpan.Zero);
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        NoticeEventHandler forward = (_, e) =>
        {
            if (!e.Notice.MessageText.StartsWith(StorageForYearsSql.ProgressPrefix, StringComparison.Ordinal))
                return;
            var line = e.Notice.MessageText[StorageForYearsSql.ProgressPrefix.Length..];
            LogProgress(logger, line);
            progress?.Report(line);
        };
        connection.Notice += forward;
        try
        {
            // EF Core takes a database lock around Migrate, so several workers starting together apply each migration once.
            await context.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            connection.Notice -= forward;
        }
        LogApplied(logger, pending.Count, string.Join(", ", pending));
        return pending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrating: {Progress}")]
    private static partial void LogProgress(ILogger logger, string progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics database schema is current; no migration to apply")]
    private static partial void LogCurrent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} metrics database migration(s): {Migrations}")]
    private static partial void LogApplied(ILogger logger, int count, string migrations);
}

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
    /// <summary>The advisory lock migrations take (ASCII "ingmigr1"); retention has its own key.</summary>
    internal const long MigrationLockKey = 0x696E676D69677231;

    /// <summary>Waits for PostgreSQL (bounded), creates the database if missing, applies pending migrations.</summary>
    /// <returns>The names of the migrations this call applied (empty when the schema was current).</returns>
    /// <exception cref="StorageUnavailableException">PostgreSQL did not answer within the start-up retries.</exception>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(null, cancellationToken);

    /// <summary>As <see cref="MigrateAsync(CancellationToken)"/>, reporting the progress of long data migrations (a row copy) as lines.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IProgress<string>? progress, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!await availability.WaitAsync(creator.ExistsAsync, cancellationToken))
            await CreateDatabaseAsync(creator, cancellationToken);

        // The API and every worker migrate on start, often at the same moment: a session-level advisory lock, held on a
        // connection of its own, makes them take turns, and the later ones find the schema current. (EF Core's own
        // migration lock does not cover the history-table probe below. With the migration's connection opened by us,
        // EF Core queried the history table before creating it and logged a misleading error: hence a connection apart.)
        await using var lockContext = await contexts.CreateDbContextAsync(cancellationToken);
        await lockContext.Database.OpenConnectionAsync(cancellationToken);
        var lockConnection = (NpgsqlConnection)lockContext.Database.GetDbConnection();
        await LockAsync(lockConnection, cancellationToken);
        try
        {
            return await MigrateLockedAsync(context, progress, cancellationToken);
        }
        finally
        {
            await UnlockAsync(lockConnection);
        }
    }

    private async Task<IReadOnlyList<string>> MigrateLockedAsync(MetricsDbContext context, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        // The history table first: Npgsql's provider answers "exists" for a missing one, and reading it then logs a
        // misleading "Failed executing DbCommand" error although nothing is wrong.
        var history = context.GetService<IHistoryRepository>();
        await history.CreateIfNotExistsAsync(cancellationToken);
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(m => m.MigrationId).ToHashSet();
        var pending = context.Database.GetMigrations().Where(m => !applied.Contains(m)).ToList();
        if (pending.Count == 0)
        {
            LogCurrent(logger);
            return [];
        }

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
            await context.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            connection.Notice -= forward;
        }
        LogApplied(logger, pending.Count, string.Join(", ", pending));
        return pending;
    }

    private static async Task CreateDatabaseAsync(IRelationalDatabaseCreator creator, CancellationToken cancellationToken)
    {
        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another process created it between our probe and our CREATE DATABASE (the catalogue's unique index can
            // answer first): it exists, which is all we wanted.
        }
    }

    private async Task LockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var attempt = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
        attempt.Parameters.AddWithValue("key", MigrationLockKey);
        if ((bool)(await attempt.ExecuteScalarAsync(cancellationToken))!)
            return;
        LogWaitingForLock(logger, MigrationLockKey);
        await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        wait.Parameters.AddWithValue("key", MigrationLockKey);
        await wait.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task UnlockAsync(NpgsqlConnection connection)
    {
        // Closing the connection would release it too, but a pooled connection is not closed, only returned.
        if (connection.State != System.Data.ConnectionState.Open)
            return;
        await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
        unlock.Parameters.AddWithValue("key", MigrationLockKey);
        await unlock.ExecuteNonQueryAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for another process to finish migrating the metrics database (advisory lock {LockKey})")]
    private static partial void LogWaitingForLock(ILogger logger, long lockKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrating: {Progress}")]
    private static partial void LogProgress(ILogger logger, string progress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Metrics database schema is current; no migration to apply")]
    private static partial void LogCurrent(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} metrics database migration(s): {Migrations}")]
    private static partial void LogApplied(ILogger logger, int count, string migrations);
}

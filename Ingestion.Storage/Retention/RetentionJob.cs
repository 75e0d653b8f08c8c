using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Retention;

/// <summary>
/// Keeps the partitions in shape: creates the coming days' partitions ahead of time and drops the partitions whose whole
/// range is older than their table's retention. Dropping whole partitions deletes no rows one by one, so nothing bloats
/// and nothing is vacuumed; <c>DETACH PARTITION ... CONCURRENTLY</c> takes no lock that blocks writers or readers of the
/// table. A session advisory lock makes sure only one process (worker or <c>ingestion-ops db retention</c>) runs it at once.
/// </summary>
public sealed partial class RetentionJob(
    IDbContextFactory<MetricsDbContext> contexts,
    IOptions<StorageOptions> options,
    TimeProvider clock,
    ILogger<RetentionJob> logger)
{
    public async Task<RetentionReport> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var retention = options.Value.Retention;
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        if (!await ScalarAsync<bool>(connection, RetentionSql.TryLock, cancellationToken, ("key", RetentionSql.LockKey, NpgsqlDbType.Bigint)))
        {
            LogBusy(logger);
            return new RetentionReport(false, dryRun, 0, []);
        }
        try
        {
            var now = clock.GetUtcNow();
            var created = dryRun
                ? 0
                : await ScalarAsync<int>(connection, RetentionSql.EnsureAhead, cancellationToken,
                    ("first", now.UtcDateTime, NpgsqlDbType.TimestampTz), ("last", now.AddDays(retention.DaysAhead).UtcDateTime, NpgsqlDbType.TimestampTz));
            var expired = new List<ExpiredPartition>();
            foreach (var (partition, pending) in await PartitionsAsync(connection, cancellationToken))
            {
                var keep = partition.Table switch { "metrics" => retention.Raw, "rollup_1m" => retention.Minute, _ => retention.Hour };
                if (keep <= TimeSpan.Zero || partition.To > now - keep)
                    continue;
                expired.Add(partition);
                if (dryRun)
                    continue;
                var detach = pending ? "FINALIZE" : "CONCURRENTLY";
                await ExecuteAsync(connection, $"ALTER TABLE {partition.Table} DETACH PARTITION \"{partition.Partition}\" {detach}", cancellationToken);
                await ExecuteAsync(connection, $"DROP TABLE \"{partition.Partition}\"", cancellationToken);
                LogDropped(logger, partition.Partition, partition.Table, partition.From, partition.To, partition.EstimatedRows);
            }
            return new RetentionReport(true, dryRun, created, expired);
        }
        finally
        {
            await ScalarAsync<bool>(connection, RetentionSql.Unlock, CancellationToken.None, ("key", RetentionSql.LockKey, NpgsqlDbType.Bigint));
        }
    }

    private static async Task<List<(ExpiredPartition Partition, bool Pending)>> PartitionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var partitions = new List<(ExpiredPartition, bool)>();
        await using var command = new NpgsqlCommand(RetentionSql.Partitions, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            partitions.Add((new ExpiredPartition(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4)), reader.GetBoolean(5)));
        }
        return partitions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken,
        params (string Name, object Value, NpgsqlDbType Type)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value, type) in parameters)
            command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention skipped: another process holds the retention lock")]
    private static partial void LogBusy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention dropped partition {Partition} of {Table} ([{From:o}, {To:o}), about {Rows} rows)")]
    private static partial void LogDropped(ILogger logger, string partition, string table, DateTimeOffset from, DateTimeOffset to, long? rows);
}

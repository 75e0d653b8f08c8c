using Ingestion.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Writing;

/// <summary>
/// Writes metrics to table <c>metrics</c> idempotently and maintains their 1-minute and 1-hour rollups in the same
/// statement, counting only the rows that statement created: redelivery, replay and a crash between write and commit
/// never duplicate a row or count a sample twice.
/// </summary>
public sealed class MetricWriter
{
    private readonly IDbContextFactory<MetricsDbContext> contexts;
    private readonly TimeSpan idempotencyWindow;
    private readonly SeriesIds series = new();
    private readonly PartitionHorizon partitions = new();

    /// <summary>A writer with the default settings (<see cref="StorageOptions"/>).</summary>
    public MetricWriter(IDbContextFactory<MetricsDbContext> contexts)
        : this(contexts, Options.Create(new StorageOptions()))
    {
    }

    public MetricWriter(IDbContextFactory<MetricsDbContext> contexts, IOptions<StorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.contexts = contexts;
        idempotencyWindow = options.Value.IdempotencyWindow;
    }

    /// <summary>
    /// Inserts <paramref name="metrics"/> and their rollups in one statement (after making sure their series and day
    /// partitions exist, which costs a round trip only the first time) and returns how many rows were new.
    /// </summary>
    /// <exception cref="ArgumentException">A metric has no id (derive one with <see cref="DeterministicMetricId"/>).</exception>
    public Task<int> WriteAsync(IReadOnlyList<MetricRecorded> metrics, CancellationToken cancellationToken) =>
        WriteAsync(metrics, rollups: true, cancellationToken);

    /// <summary>The raw insert alone, without rollups. Only for the benchmark that measures what rollups cost.</summary>
    public Task<int> WriteWithoutRollupsAsync(IReadOnlyList<MetricRecorded> metrics, CancellationToken cancellationToken) =>
        WriteAsync(metrics, rollups: false, cancellationToken);

    /// <summary>
    /// Inserts one row per statement (one round trip each) inside a transaction, without rollups. Only for the benchmark
    /// that compares it with <see cref="WriteAsync(IReadOnlyList{MetricRecorded}, CancellationToken)"/>; the worker never uses it.
    /// </summary>
    public async Task<int> WriteRowByRowAsync(IReadOnlyList<MetricRecorded> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0)
            return 0;
        var columns = MetricColumns.From(metrics, DateTime.UtcNow);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await partitions.EnsureAsync(context, columns.Timestamps, cancellationToken);
        var seriesIds = new int[columns.Count];
        await series.ResolveAsync(context, metrics, seriesIds, cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var inserted = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            inserted += await context.Database.ExecuteSqlRawAsync(
                WriterSql.RowInsert,
                [
                    new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = columns.Ids[i] },
                    new NpgsqlParameter<int>("series", NpgsqlDbType.Integer) { TypedValue = seriesIds[i] },
                    new NpgsqlParameter<double>("value", NpgsqlDbType.Double) { TypedValue = columns.Values[i] },
                    new NpgsqlParameter<DateTime>("timestamp", NpgsqlDbType.TimestampTz) { TypedValue = columns.Timestamps[i] },
                    new NpgsqlParameter<DateTime>("received", NpgsqlDbType.TimestampTz) { TypedValue = columns.Received[i] },
                ],
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }

    private async Task<int> WriteAsync(IReadOnlyList<MetricRecorded> metrics, bool rollups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0)
            return 0;
        var columns = MetricColumns.From(metrics, DateTime.UtcNow);

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await partitions.EnsureAsync(context, columns.Timestamps, cancellationToken);
        var seriesIds = new int[columns.Count];
        await series.ResolveAsync(context, metrics, seriesIds, cancellationToken);
        try
        {
            return await InsertAsync(context, rollups ? WriterSql.InsertWithRollups : WriterSql.InsertWithoutRollups, columns, seriesIds, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another transaction inserted one of these ids and committed while this statement waited for it (see
            // WriterSql.InsertWithRollups). The failed statement changed nothing; this one sees that row and skips it.
            return await InsertAsync(context, rollups ? WriterSql.InsertWithRollupsOnConflict : WriterSql.InsertWithoutRollupsOnConflict,
                columns, seriesIds, cancellationToken);
        }
    }

    private async Task<int> InsertAsync(MetricsDbContext context, string sql, MetricColumns columns, int[] seriesIds, CancellationToken cancellationToken)
    {
        NpgsqlParameter[] parameters =
        [
            new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = columns.Ids },
            new NpgsqlParameter<int[]>("series", NpgsqlDbType.Array | NpgsqlDbType.Integer) { TypedValue = seriesIds },
            new NpgsqlParameter<double[]>("values", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = columns.Values },
            new NpgsqlParameter<DateTime[]>("timestamps", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = columns.Timestamps },
            new NpgsqlParameter<DateTime[]>("received", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = columns.Received },
            new NpgsqlParameter<TimeSpan>("window", NpgsqlDbType.Interval) { TypedValue = idempotencyWindow },
        ];
        var inserted = await context.Database.SqlQueryRaw<int>(sql, parameters).ToListAsync(cancellationToken);
        return inserted[0];
    }
}

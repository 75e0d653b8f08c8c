using Ingestion.Contracts;
using Ingestion.Storage.EntityConfigurations;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Writing;

/// <summary>
/// Writes metrics to table <c>metrics</c> idempotently: a metric whose id is already stored is skipped, so redelivery,
/// replay and a crash between write and commit never duplicate a row.
/// </summary>
public sealed class MetricWriter(IDbContextFactory<MetricsDbContext> contexts)
{
    // One statement per batch: every column travels as one array parameter and unnest turns them back into rows.
    internal const string BatchInsert = """
        INSERT INTO metrics (id, name, value, "timestamp", labels, received_at)
        SELECT * FROM unnest(@ids, @names, @values, @timestamps, @labels::jsonb[], @received)
        ON CONFLICT (id) DO NOTHING
        """;

    private const string RowInsert = """
        INSERT INTO metrics (id, name, value, "timestamp", labels, received_at)
        VALUES (@id, @name, @value, @timestamp, @labels::jsonb, @received)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Inserts <paramref name="metrics"/> in one statement and returns how many rows were new.</summary>
    /// <exception cref="ArgumentException">A metric has no id (derive one with <see cref="DeterministicMetricId"/>).</exception>
    public async Task<int> WriteAsync(IReadOnlyList<MetricRecorded> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0)
            return 0;

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Database.ExecuteSqlRawAsync(BatchInsert, BatchParameters(metrics, DateTime.UtcNow), cancellationToken);
    }

    /// <summary>The parameters of <see cref="BatchInsert"/> for <paramref name="metrics"/> (also used row by row by <see cref="MetricRowIsolation"/>).</summary>
    internal static NpgsqlParameter[] BatchParameters(IReadOnlyList<MetricRecorded> metrics, DateTime now)
    {
        var count = metrics.Count;
        var ids = new Guid[count];
        var names = new string[count];
        var values = new double[count];
        var timestamps = new DateTime[count];
        var labels = new string[count];
        var received = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var row = MetricRowValues.From(metrics[i], now);
            (ids[i], names[i], values[i], timestamps[i], labels[i], received[i]) = row;
        }
        return
        [
            new NpgsqlParameter<Guid[]>("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = ids },
            new NpgsqlParameter<string[]>("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = names },
            new NpgsqlParameter<double[]>("values", NpgsqlDbType.Array | NpgsqlDbType.Double) { TypedValue = values },
            new NpgsqlParameter<DateTime[]>("timestamps", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = timestamps },
            new NpgsqlParameter<string[]>("labels", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = labels },
            new NpgsqlParameter<DateTime[]>("received", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = received },
        ];
    }

    /// <summary>
    /// Inserts one row per statement (one round trip each) inside a transaction. Only for the benchmark that compares it
    /// with <see cref="WriteAsync"/>; the worker never uses it.
    /// </summary>
    public async Task<int> WriteRowByRowAsync(IReadOnlyList<MetricRecorded> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var inserted = 0;
        foreach (var metric in metrics)
        {
            var (id, name, value, timestamp, labels, received) = MetricRowValues.From(metric, now);
            inserted += await context.Database.ExecuteSqlRawAsync(
                RowInsert,
                [
                    new NpgsqlParameter<Guid>("id", NpgsqlDbType.Uuid) { TypedValue = id },
                    new NpgsqlParameter<string>("name", NpgsqlDbType.Text) { TypedValue = name },
                    new NpgsqlParameter<double>("value", NpgsqlDbType.Double) { TypedValue = value },
                    new NpgsqlParameter<DateTime>("timestamp", NpgsqlDbType.TimestampTz) { TypedValue = timestamp },
                    new NpgsqlParameter<string>("labels", NpgsqlDbType.Text) { TypedValue = labels },
                    new NpgsqlParameter<DateTime>("received", NpgsqlDbType.TimestampTz) { TypedValue = received },
                ],
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return inserted;
    }
}

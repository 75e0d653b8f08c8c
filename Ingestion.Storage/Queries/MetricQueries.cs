using System.Text;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace Ingestion.Storage.Queries;

/// <summary>
/// The read side of <c>metrics</c> and its rollups, in parameterised SQL on the queries' own pool: keyset paging on
/// (timestamp, id), label filters as jsonb containment (<c>@&gt;</c>, served by GIN indexes), windows with <c>date_bin</c>
/// and <c>percentile_cont</c>. Written as SQL rather than LINQ because those constructs are the point of the queries.
/// </summary>
public sealed class MetricQueries(QueryDataSource queries, IOptions<StorageOptions> options)
{
    public const int MaxLimit = 1000;

    private readonly int maxRows = options.Value.MaxAggregateRows;

    public async Task<MetricListPage> ListAsync(MetricFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = queries.DataSource.CreateCommand();
        var sql = new StringBuilder(
            "SELECT id, name, value, \"timestamp\", labels::text, received_at, ingested_at FROM metrics WHERE TRUE");
        if (filter.Name is not null)
            sql.Append(" AND name = ").Append(SqlParameters.Add(command, filter.Name, NpgsqlDbType.Text));
        if (filter.From is { } from)
            sql.Append(" AND \"timestamp\" >= ").Append(SqlParameters.Add(command, from.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        if (filter.To is { } to)
            sql.Append(" AND \"timestamp\" < ").Append(SqlParameters.Add(command, to.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        if (filter.Labels.Count > 0)
            sql.Append(" AND labels @> ").Append(SqlParameters.Add(command, LabelsJson.Serialize(filter.Labels), NpgsqlDbType.Jsonb));
        if (filter.After is { } after)
        {
            sql.Append(" AND (\"timestamp\", id) < (").Append(SqlParameters.Add(command, after.Timestamp, NpgsqlDbType.TimestampTz))
                .Append(", ").Append(SqlParameters.Add(command, after.Id, NpgsqlDbType.Uuid)).Append(')');
        }
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        sql.Append(" ORDER BY \"timestamp\" DESC, id DESC LIMIT ").Append(SqlParameters.Add(command, limit + 1, NpgsqlDbType.Integer));
        command.CommandText = sql.ToString();

        var items = new List<StoredMetric>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(new StoredMetric(
                    reader.GetGuid(0),
                    reader.GetString(1),
                    reader.GetDouble(2),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    LabelsJson.Deserialize(reader.IsDBNull(4) ? "{}" : reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                    reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
            }
        }
        if (items.Count <= limit)
            return new MetricListPage(items, null);
        items.RemoveAt(limit);
        var last = items[^1];
        return new MetricListPage(items, new MetricCursor(last.Timestamp, last.Id));
    }

    /// <summary>Computes <paramref name="query"/> at the coarsest exact resolution (<see cref="AggregateResolution.For"/>).</summary>
    /// <exception cref="QueryTooExpensiveException">It would read more than <see cref="StorageOptions.MaxAggregateRows"/> rows.</exception>
    public async Task<AggregateAnswer> AggregateAsync(AggregateQuery query, CancellationToken cancellationToken) =>
        await AggregateAsync(query, AggregateResolution.For(query), cancellationToken);

    /// <summary>Computes <paramref name="query"/> at the given resolution (tests compare rollups with raw rows this way).</summary>
    public async Task<AggregateAnswer> AggregateAsync(AggregateQuery query, AggregateResolution resolution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(resolution);
        var percentiles = query.Functions.Where(f => f.Percentile is not null).Select(f => f.Percentile!.Value).Distinct().ToArray();
        if (percentiles.Length > 0 && resolution.Table is not null)
            throw new ArgumentException("Percentiles are computed from raw rows only.", nameof(resolution));
        await using var command = queries.DataSource.CreateCommand();
        AggregateSql.Build(command, query, resolution, percentiles, maxRows);

        var windows = new List<AggregateWindow>();
        long rows = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var percentileColumn = reader.FieldCount - 1;
            while (await reader.ReadAsync(cancellationToken))
            {
                rows += reader.GetInt64(1);
                var computed = percentiles.Length > 0 ? reader.GetFieldValue<double[]>(percentileColumn) : [];
                var values = new double?[query.Functions.Count];
                var column = 2; // 0: window start, 1: rows read
                for (var i = 0; i < values.Length; i++)
                {
                    var function = query.Functions[i];
                    values[i] = function.Percentile is { } p
                        ? Finite(computed[Array.IndexOf(percentiles, p)])
                        : reader.IsDBNull(column) ? null : Finite(reader.GetDouble(column));
                    if (function.Percentile is null)
                        column++;
                }
                windows.Add(new AggregateWindow(reader.GetFieldValue<DateTimeOffset>(0), values));
            }
        }
        if (rows > maxRows)
        {
            throw new QueryTooExpensiveException(
                $"The query covers more than {maxRows:N0} {(resolution.Table is null ? "raw rows" : "rollup rows")}; narrow the range or labels, " +
                "or use a window of whole minutes or hours over a range aligned to them, which rollups answer.");
        }
        return new AggregateAnswer(resolution, windows);
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

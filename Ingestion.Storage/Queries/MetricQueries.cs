using Microsoft.Extensions.Options;

namespace Ingestion.Storage.Queries;

/// <summary>
/// The read side of <c>metrics</c> and its rollups, in parameterised SQL on the queries' own pool: series resolved first
/// by name and label containment (<c>@&gt;</c>, GIN on <c>series.labels</c>), raw rows and rollups read by series id,
/// keyset paging on (timestamp, id), windows with <c>date_bin</c> and <c>percentile_cont</c>. Written as SQL rather than LINQ because those constructs are the point of the queries.
/// </summary>
public sealed class MetricQueries(QueryDataSource queries, IOptions<StorageOptions> options)
{
    public const int MaxLimit = 1000;

    private readonly int maxRows = options.Value.MaxAggregateRows;

    /// <summary>Raw rows newest first, filtered and paged by <paramref name="filter"/> (see <see cref="MetricListing"/>).</summary>
    public async Task<MetricListPage> ListAsync(MetricFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return await MetricListing.ListAsync(queries.DataSource, filter, Math.Clamp(filter.Limit, 1, MaxLimit), cancellationToken);
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

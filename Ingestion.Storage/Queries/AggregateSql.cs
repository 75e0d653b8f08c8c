using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Queries;

/// <summary>
/// Builds one aggregate statement: result columns are the window start, the rows read (raw or rollup rows), one column
/// per requested plain function, and one array of the requested percentiles. Only what was asked is computed. Sums are <c>numeric</c>
/// (exact, cannot overflow) and come back through <c>ingestion_to_float8</c>, NULL when beyond a double's range.
/// The rows read (raw rows or rollup rows) are capped at <paramref name="maxRows"/> + 1, so the caller can refuse
/// a query above the cap after reading no more than that.
/// </summary>
internal static class AggregateSql
{
    public static void Build(NpgsqlCommand command, AggregateQuery query, AggregateResolution resolution, double[] percentiles, int maxRows)
    {
        var window = SqlParameters.Add(command, query.Window, NpgsqlDbType.Interval);
        var rollup = resolution.Table is not null;
        var count = rollup ? "sum(r.count)::bigint" : "count(*)";
        var sum = rollup ? "sum(r.sum)" : "sum(r.value::numeric)";
        var sql = new StringBuilder("SELECT date_bin(").Append(window).Append(", r.at, TIMESTAMPTZ 'epoch') AS w, count(*)");
        foreach (var function in query.Functions.Where(f => f.Percentile is null))
        {
            sql.Append(", ").Append(function.Name switch
            {
                "count" => count + "::float8",
                "sum" => $"ingestion_to_float8({sum})",
                "avg" => $"ingestion_to_float8({sum} / nullif({count}, 0))",
                "min" => rollup ? "min(r.min)" : "min(r.value)",
                _ => rollup ? "max(r.max)" : "max(r.value)",
            });
        }
        if (percentiles.Length > 0)
        {
            sql.Append(", percentile_cont(").Append(SqlParameters.Add(command, percentiles, NpgsqlDbType.Array | NpgsqlDbType.Double))
                .Append(") WITHIN GROUP (ORDER BY r.value)");
        }
        sql.Append(" FROM (");
        AppendRows(sql, command, query, resolution, maxRows);
        sql.Append(") r GROUP BY w ORDER BY w");
        command.CommandText = sql.ToString();
    }

    private static void AppendRows(StringBuilder sql, NpgsqlCommand command, AggregateQuery query, AggregateResolution resolution, int maxRows)
    {
        var from = SqlParameters.Add(command, query.From.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        var to = SqlParameters.Add(command, query.To.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        // Series first (a handful of rows of the small series table), then each series' rows through an index that
        // starts with its id: the rollup's primary key, or ix_metrics_series_timestamp for raw rows.
        sql.Append(resolution.Table is { } table
            ? $"SELECT b.bucket AS at, b.count, b.sum, b.min, b.max FROM series s JOIN {table} b ON b.series_id = s.id WHERE b.bucket >= {from} AND b.bucket < {to}"
            : $"SELECT m.\"timestamp\" AS at, m.value FROM series s JOIN metrics m ON m.series_id = s.id WHERE m.\"timestamp\" >= {from} AND m.\"timestamp\" < {to}");
        SeriesConditionSql.Append(sql, command, "s", query.Name, query.Labels);
        sql.Append(" LIMIT ").Append(SqlParameters.Add(command, maxRows + 1, NpgsqlDbType.Integer));
    }
}

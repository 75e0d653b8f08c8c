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
        var name = SqlParameters.Add(command, query.Name, NpgsqlDbType.Text);
        var from = SqlParameters.Add(command, query.From.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        var to = SqlParameters.Add(command, query.To.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        string? labels = query.Labels.Count > 0 ? SqlParameters.Add(command, LabelsJson.Serialize(query.Labels), NpgsqlDbType.Jsonb) : null;
        if (resolution.Table is { } table)
        {
            // Series first (a handful of rows), then each series' buckets through the rollup's primary key.
            sql.Append("SELECT b.bucket AS at, b.count, b.sum, b.min, b.max FROM series s JOIN ").Append(table)
                .Append(" b ON b.series_id = s.id WHERE s.name = ").Append(name)
                .Append(" AND b.bucket >= ").Append(from).Append(" AND b.bucket < ").Append(to);
            if (labels is not null)
                sql.Append(" AND s.labels @> ").Append(labels);
        }
        else
        {
            sql.Append("SELECT m.\"timestamp\" AS at, m.value FROM metrics m WHERE m.name = ").Append(name)
                .Append(" AND m.\"timestamp\" >= ").Append(from).Append(" AND m.\"timestamp\" < ").Append(to);
            if (labels is not null)
                sql.Append(" AND m.labels @> ").Append(labels);
        }
        sql.Append(" LIMIT ").Append(SqlParameters.Add(command, maxRows + 1, NpgsqlDbType.Integer));
    }
}

using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Queries;

/// <summary>
/// The read side of <c>metrics</c>, in parameterised SQL on the shared data source: keyset paging on (timestamp, id),
/// label filters as jsonb containment (<c>@&gt;</c>, served by the GIN index), windows with <c>date_bin</c> and
/// <c>percentile_cont</c>. Written as SQL rather than LINQ because those constructs are the point of the queries.
/// </summary>
public sealed class MetricQueries(NpgsqlDataSource dataSource)
{
    public const int MaxLimit = 1000;

    public async Task<MetricListPage> ListAsync(MetricFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = dataSource.CreateCommand();
        var sql = new StringBuilder(
            "SELECT id, name, value, \"timestamp\", labels::text, received_at, ingested_at FROM metrics WHERE TRUE");
        if (filter.Name is not null)
            sql.Append(" AND name = ").Append(Add(command, filter.Name, NpgsqlDbType.Text));
        if (filter.From is { } from)
            sql.Append(" AND \"timestamp\" >= ").Append(Add(command, from.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        if (filter.To is { } to)
            sql.Append(" AND \"timestamp\" < ").Append(Add(command, to.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        if (filter.Labels.Count > 0)
            sql.Append(" AND labels @> ").Append(Add(command, LabelsJson.Serialize(filter.Labels), NpgsqlDbType.Jsonb));
        if (filter.After is { } after)
        {
            sql.Append(" AND (\"timestamp\", id) < (").Append(Add(command, after.Timestamp, NpgsqlDbType.TimestampTz))
                .Append(", ").Append(Add(command, after.Id, NpgsqlDbType.Uuid)).Append(')');
        }
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        sql.Append(" ORDER BY \"timestamp\" DESC, id DESC LIMIT ").Append(Add(command, limit + 1, NpgsqlDbType.Integer));
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

    public async Task<IReadOnlyList<AggregateWindow>> AggregateAsync(AggregateQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = dataSource.CreateCommand();
        var percentiles = query.Functions.Where(f => f.Percentile is not null).Select(f => f.Percentile!.Value).Distinct().ToArray();
        var sql = new StringBuilder("SELECT date_bin(")
            .Append(Add(command, query.Window, NpgsqlDbType.Interval))
            .Append(", \"timestamp\", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket, count(*)::float8, avg(value), min(value), max(value), sum(value)");
        if (percentiles.Length > 0)
        {
            sql.Append(", percentile_cont(").Append(Add(command, percentiles, NpgsqlDbType.Array | NpgsqlDbType.Double))
                .Append(") WITHIN GROUP (ORDER BY value)");
        }
        sql.Append(" FROM metrics WHERE name = ").Append(Add(command, query.Name, NpgsqlDbType.Text))
            .Append(" AND \"timestamp\" >= ").Append(Add(command, query.From.ToUniversalTime(), NpgsqlDbType.TimestampTz))
            .Append(" AND \"timestamp\" < ").Append(Add(command, query.To.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        if (query.Labels.Count > 0)
            sql.Append(" AND labels @> ").Append(Add(command, LabelsJson.Serialize(query.Labels), NpgsqlDbType.Jsonb));
        sql.Append(" GROUP BY bucket ORDER BY bucket");
        command.CommandText = sql.ToString();

        var windows = new List<AggregateWindow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var computed = percentiles.Length > 0 ? reader.GetFieldValue<double[]>(6) : [];
            var values = new double[query.Functions.Count];
            for (var i = 0; i < values.Length; i++)
            {
                var function = query.Functions[i];
                values[i] = function.Name switch
                {
                    "count" => reader.GetDouble(1),
                    "avg" => reader.GetDouble(2),
                    "min" => reader.GetDouble(3),
                    "max" => reader.GetDouble(4),
                    "sum" => reader.GetDouble(5),
                    _ => computed[Array.IndexOf(percentiles, function.Percentile!.Value)],
                };
            }
            windows.Add(new AggregateWindow(reader.GetFieldValue<DateTimeOffset>(0), values));
        }
        return windows;
    }

    private static string Add<T>(NpgsqlCommand command, T value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type });
        return "$" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

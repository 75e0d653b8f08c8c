using System.Text;
using Ingestion.Storage.Model;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Queries;

/// <summary>
/// Lists raw rows newest first. A name or label filter is resolved in the small <c>series</c> table first. For a few
/// series, each one's newest rows are read from <c>ix_metrics_series_timestamp</c> (at most limit + 1 each) and merged;
/// for many, the primary key <c>("timestamp", id)</c> is read backwards, skipping other series' rows (the planner,
/// seeing the ids, may still choose otherwise). The page's names and labels come from the series rows.
/// </summary>
internal static class MetricListing
{
    /// <summary>Up to this many matching series, each series' newest rows are read on their own and merged.</summary>
    private const int MaxSeriesReadOneByOne = 32;

    /// <summary>Above this many matching series the ids are not sent as an array but selected inside the statement.</summary>
    private const int MaxSeriesSent = 10_000;

    public static async Task<MetricListPage> ListAsync(NpgsqlDataSource source, MetricFilter filter, int limit, CancellationToken cancellationToken)
    {
        var filtered = filter.Name is not null || filter.Labels.Count > 0;
        var series = filtered ? await MatchingSeriesAsync(source, filter, cancellationToken) : [];
        if (filtered && series.Count == 0)
            return new MetricListPage([], null);

        await using var command = source.CreateCommand();
        var conditions = new StringBuilder();
        if (filter.From is { } from)
            conditions.Append(" AND m.\"timestamp\" >= ").Append(SqlParameters.Add(command, from.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        if (filter.To is { } to)
            conditions.Append(" AND m.\"timestamp\" < ").Append(SqlParameters.Add(command, to.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        if (filter.After is { } after)
        {
            var timestamp = SqlParameters.Add(command, after.Timestamp, NpgsqlDbType.TimestampTz);
            // The plain bound lets an index on (series_id, timestamp) start at the cursor; the row comparison is exact.
            conditions.Append(" AND m.\"timestamp\" <= ").Append(timestamp)
                .Append(" AND (m.\"timestamp\", m.id) < (").Append(timestamp).Append(", ").Append(SqlParameters.Add(command, after.Id, NpgsqlDbType.Uuid)).Append(')');
        }
        var order = " ORDER BY m.\"timestamp\" DESC, m.id DESC LIMIT " + SqlParameters.Add(command, limit + 1, NpgsqlDbType.Integer);
        const string Columns = "m.id, m.series_id, m.value, m.\"timestamp\", m.received_at, m.ingested_at";
        var sql = new StringBuilder();
        if (filtered && series.Count <= MaxSeriesReadOneByOne)
        {
            // Each series' newest rows from ix_metrics_series_timestamp (at most limit + 1 each), then the newest of those.
            sql.Append("SELECT ").Append(Columns).Append(" FROM unnest(")
                .Append(SqlParameters.Add(command, series.Keys.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer))
                .Append(") AS s(id) CROSS JOIN LATERAL (SELECT ").Append(Columns).Append(" FROM metrics m WHERE m.series_id = s.id")
                .Append(conditions).Append(order).Append(") m").Append(order);
        }
        else
        {
            // Many series: the newest-first index, skipping other series' rows, is usually cheaper; the planner knows how many.
            sql.Append("SELECT ").Append(Columns).Append(" FROM metrics m WHERE TRUE");
            if (filtered && series.Count <= MaxSeriesSent)
                sql.Append(" AND m.series_id = ANY(").Append(SqlParameters.Add(command, series.Keys.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)).Append(')');
            else if (filtered)
                SeriesConditionSql.Append(sql.Append(" AND m.series_id IN (SELECT s.id FROM series s WHERE TRUE"), command, "s", filter.Name, filter.Labels).Append(')');
            sql.Append(conditions).Append(order);
        }
        command.CommandText = sql.ToString();

        var rows = new List<(Guid Id, int Series, double Value, DateTimeOffset Timestamp, DateTimeOffset? Received, DateTimeOffset? Ingested)>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetDouble(2), reader.GetFieldValue<DateTimeOffset>(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
                    reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }
        var unknown = rows.Select(r => r.Series).Where(id => !series.ContainsKey(id)).Distinct().ToArray();
        if (unknown.Length > 0)
            await AddSeriesAsync(source, unknown, series, cancellationToken);

        var items = rows.Take(limit).Select(r => new StoredMetric(r.Id, series[r.Series].Name, r.Value, r.Timestamp, series[r.Series].Labels, r.Received, r.Ingested)).ToList();
        return rows.Count <= limit
            ? new MetricListPage(items, null)
            : new MetricListPage(items, new MetricCursor(items[^1].Timestamp, items[^1].Id));
    }

    private static async Task<Dictionary<int, StoredSeries>> MatchingSeriesAsync(NpgsqlDataSource source, MetricFilter filter, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand();
        var sql = SeriesConditionSql.Append(new StringBuilder("SELECT s.id, s.name, s.labels::text FROM series s WHERE TRUE"), command, "s", filter.Name, filter.Labels);
        command.CommandText = sql.Append(" LIMIT ").Append(SqlParameters.Add(command, MaxSeriesSent + 1, NpgsqlDbType.Integer)).ToString();
        return await ReadSeriesAsync(command, [], cancellationToken);
    }

    private static async Task AddSeriesAsync(NpgsqlDataSource source, int[] ids, Dictionary<int, StoredSeries> series, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand();
        command.CommandText = "SELECT s.id, s.name, s.labels::text FROM series s WHERE s.id = ANY("
            + SqlParameters.Add(command, ids, NpgsqlDbType.Array | NpgsqlDbType.Integer) + ")";
        await ReadSeriesAsync(command, series, cancellationToken);
    }

    private static async Task<Dictionary<int, StoredSeries>> ReadSeriesAsync(NpgsqlCommand command, Dictionary<int, StoredSeries> into, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            into[reader.GetInt32(0)] = new StoredSeries(reader.GetInt32(0), reader.GetString(1), LabelsJson.Deserialize(reader.GetString(2)));
        return into;
    }
}

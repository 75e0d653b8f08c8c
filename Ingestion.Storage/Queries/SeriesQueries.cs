using System.Text;
using Ingestion.Storage.Model;
using NpgsqlTypes;

namespace Ingestion.Storage.Queries;

/// <summary>The series that exist (table <c>series</c>), for a dashboard to offer: by name and label containment.</summary>
public sealed class SeriesQueries(QueryDataSource queries)
{
    public const int MaxLimit = 1000;

    public async Task<SeriesPage> ListAsync(SeriesFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var command = queries.DataSource.CreateCommand();
        var sql = SeriesConditionSql.Append(new StringBuilder("SELECT s.id, s.name, s.labels::text FROM series s WHERE TRUE"), command, "s", filter.Name, filter.Labels);
        if (filter.After is { } after)
            sql.Append(" AND s.id > ").Append(SqlParameters.Add(command, after, NpgsqlDbType.Integer));
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        sql.Append(" ORDER BY s.id LIMIT ").Append(SqlParameters.Add(command, limit + 1, NpgsqlDbType.Integer));
        command.CommandText = sql.ToString();

        var items = new List<StoredSeries>(limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                items.Add(new StoredSeries(reader.GetInt32(0), reader.GetString(1), LabelsJson.Deserialize(reader.GetString(2))));
        }
        if (items.Count <= limit)
            return new SeriesPage(items, null);
        items.RemoveAt(limit);
        return new SeriesPage(items, items[^1].Id);
    }
}

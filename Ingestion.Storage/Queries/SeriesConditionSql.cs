using System.Text;
using Ingestion.Storage.Model;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Queries;

/// <summary>
/// The condition that picks series by name and labels (<c>name = $n AND labels @&gt; $l</c>, served by
/// <c>ix_series_name</c> and the GIN index <c>ix_series_labels</c>). Every query resolves series this way, in the small
/// <c>series</c> table, and reads raw rows and rollups by series id.
/// </summary>
internal static class SeriesConditionSql
{
    /// <summary>Appends <c> AND ...</c> for each given criterion on the series table aliased <paramref name="alias"/>.</summary>
    public static StringBuilder Append(StringBuilder sql, NpgsqlCommand command, string alias, string? name, IReadOnlyDictionary<string, string> labels)
    {
        if (name is not null)
            sql.Append(" AND ").Append(alias).Append(".name = ").Append(SqlParameters.Add(command, name, NpgsqlDbType.Text));
        if (labels.Count > 0)
            sql.Append(" AND ").Append(alias).Append(".labels @> ").Append(SqlParameters.Add(command, LabelsJson.Serialize(labels), NpgsqlDbType.Jsonb));
        return sql;
    }
}

using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Ingestion.Storage.Queries;

/// <summary>Adds a positional parameter to a command and returns its placeholder (<c>$n</c>).</summary>
internal static class SqlParameters
{
    public static string Add<T>(NpgsqlCommand command, T value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type });
        return "$" + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
    }
}

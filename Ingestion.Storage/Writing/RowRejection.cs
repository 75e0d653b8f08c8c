using Npgsql;

namespace Ingestion.Storage.Writing;

/// <summary>Tells errors caused by the data of a row apart from errors of the database or the connection.</summary>
public static class RowRejection
{
    /// <summary>
    /// True for SQLSTATE classes 22 (data exception, e.g. a NUL character in text or jsonb) and 23 (integrity constraint):
    /// the same row fails every time, so it is worth isolating. Anything else (connection loss, a missing table, ...)
    /// says nothing about the row and must not dead-letter it.
    /// </summary>
    public static bool IsCausedByRow(Exception exception) =>
        exception is PostgresException { SqlState: var state } && (state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal));
}

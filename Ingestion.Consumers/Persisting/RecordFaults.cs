using Npgsql;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// Which failures belong to a record (and may dead-letter it) and which are the infrastructure's (the record waits).
/// Undeserialisable bytes and validation failures are told apart before this (by the rider and the batch handler); of the
/// rest, only PostgreSQL's SQLSTATE classes 22 (data exception) and 23 (integrity constraint) are the record's: a window
/// that fails so is split by the rider until the failure stands alone on one record, which is dead-lettered. Every other failure, whatever its SQLSTATE (42P01 undefined table, 42501
/// permission denied, 57P01 admin shutdown, 53xxx resources, 08xxx connection), any timeout and anything unknown, is an
/// infrastructure fault: the partition waits and redelivers until it goes away.
/// </summary>
public static class RecordFaults
{
    public static bool IsRecordFault(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
                return IsRowClass(postgres.SqlState);
            if (current is AggregateException aggregate)
                return aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsRecordFault);
        }
        return false;
    }

    /// <summary>The SQLSTATE in <paramref name="exception"/> or its inner exceptions, or null (for logs).</summary>
    public static string? SqlStateOf(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
                return postgres.SqlState;
        }
        return null;
    }

    private static bool IsRowClass(string sqlState) =>
        sqlState.StartsWith("22", StringComparison.Ordinal) || sqlState.StartsWith("23", StringComparison.Ordinal);
}

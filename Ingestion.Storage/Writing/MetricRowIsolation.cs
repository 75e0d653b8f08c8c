using Ingestion.Contracts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Ingestion.Storage.Writing;

/// <summary>
/// Writes a batch row by row to find the rows PostgreSQL refuses, in near-linear time: one transaction, each row's
/// <see cref="MetricWriter"/> statement between <c>SAVEPOINT</c> and <c>RELEASE</c>, pipelined in round trips of many rows.
/// When a row is refused, PostgreSQL skips the rest of that round trip; the transaction rolls back to that row's savepoint
/// and goes on after it. A round trip is as long as the run of good rows before the last refusal, doubling after each one
/// without refusal, so the rows sent but skipped stay within a constant factor of the rows written: every row is inserted
/// about once, in O(k log(n/k)) round trips for k refused rows among n, where splitting the batch in halves re-inserted
/// O(n log n) rows.
/// </summary>
/// <remarks>
/// Each row runs the writer's own batch statement with one-element arrays, so whatever that statement maintains besides
/// the row (rollups, for example) is maintained here too. Savepoints are subtransactions: more than 64 in one transaction
/// overflow PostgreSQL's per-backend cache, which slows other sessions' snapshots until the commit. That is the price of
/// the failure path only; the worker calls this only after the set-based statement failed on a row's data.
/// </remarks>
public sealed class MetricRowIsolation(IDbContextFactory<MetricsDbContext> contexts, MetricWriter writer)
{
    private const int MaxRowsPerRoundTrip = 1_024;

    /// <summary>Writes each metric on its own and returns how many rows were new and which ones PostgreSQL refused.</summary>
    /// <param name="metrics">The metrics, each with an id.</param>
    /// <param name="isRowFault">Whether an error is the row's own (SQLSTATE class 22 or 23); any other error is thrown and nothing is written.</param>
    /// <param name="cancellationToken">Cancels the write (nothing is committed).</param>
    public async Task<RowIsolationResult> WriteEachAsync(IReadOnlyList<MetricRecorded> metrics, Func<PostgresException, bool> isRowFault,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(isRowFault);
        var refused = new List<RowRefusal>();
        if (metrics.Count == 0) return new RowIsolationResult(0, refused);

        var statements = await writer.RowStatementsAsync(metrics, cancellationToken);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        // The data source names the failing statement of a batch (IncludeFailedBatchedCommand, see AddIngestionStorage).
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var timeout = context.Database.GetCommandTimeout() ?? 30;
        var inserted = 0;
        var start = 0;
        var rowsPerRoundTrip = MaxRowsPerRoundTrip;
        var recovering = false;
        while (start < metrics.Count)
        {
            var end = Math.Min(metrics.Count, start + rowsPerRoundTrip);
            await using var batch = new NpgsqlBatch(connection, transaction) { Timeout = timeout };
            // After a refused row, the round trip that goes on begins by undoing it (one round trip per refusal, not two).
            if (recovering)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("ROLLBACK TO SAVEPOINT isolated_row"));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT isolated_row"));
            }
            var inserts = new NpgsqlBatchCommand[end - start];
            for (var i = start; i < end; i++)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT isolated_row"));
                batch.BatchCommands.Add(inserts[i - start] = statements(i));
                batch.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT isolated_row"));
            }
            // Each row's statement returns the rows it created; the savepoint commands return nothing and are skipped.
            var createdThisTrip = 0;
            try
            {
                await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
                {
                    do
                    {
                        if (await reader.ReadAsync(cancellationToken))
                            createdThisTrip += reader.GetInt32(0);
                    }
                    while (await reader.NextResultAsync(cancellationToken));
                }
                inserted += createdThisTrip;
                start = end;
                recovering = false;
                rowsPerRoundTrip = Math.Min(MaxRowsPerRoundTrip, rowsPerRoundTrip * 2);
            }
            catch (PostgresException exception) when (isRowFault(exception) && Array.IndexOf(inserts, exception.BatchCommand) is var failed and >= 0)
            {
                inserted += createdThisTrip;
                refused.Add(new RowRefusal(start + failed, exception));
                start += failed + 1;
                recovering = true;
                rowsPerRoundTrip = Math.Max(1, failed);
            }
        }
        if (recovering)
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK TO SAVEPOINT isolated_row; RELEASE SAVEPOINT isolated_row", connection, transaction);
            await rollback.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new RowIsolationResult(inserted, refused);
    }
}

using Ingestion.Contracts;
using Ingestion.Storage.Writing;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// Writes a batch in one statement; when the database refuses it because of a row's data (SQLSTATE class 22 or 23), writes
/// it again row by row in one transaction (<see cref="MetricRowIsolation"/>), so good neighbours are persisted and only the
/// refused rows are reported: k refused rows among n cost k + 3 round trips, not O(k log n).
/// Every other error propagates untouched: the rider retries and redelivers the whole batch (the insert is idempotent).
/// </summary>
public sealed class MetricBatchPersister(MetricWriter writer, MetricRowIsolation isolation)
{
    /// <param name="metrics">The metrics, each with an id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of new rows, and the rows the database refused with their errors.</returns>
    public async Task<RowIsolationResult> PersistAsync(IReadOnlyList<MetricRecorded> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        try
        {
            return new RowIsolationResult(await writer.WriteAsync(metrics, cancellationToken), []);
        }
        catch (Exception e) when (RecordFaults.IsRecordFault(e))
        {
            return await isolation.WriteEachAsync(metrics, RecordFaults.IsRecordFault, cancellationToken);
        }
    }
}

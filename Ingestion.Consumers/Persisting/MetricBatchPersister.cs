using Ingestion.Contracts;
using Ingestion.Storage.Writing;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// Writes a batch in one statement; when the database refuses the batch because of a row's data, splits it in halves
/// until the refused rows stand alone, so good neighbours are persisted and only the poison is reported.
/// Every other error propagates untouched: the rider retries and redelivers the whole batch (the insert is idempotent).
/// </summary>
public sealed class MetricBatchPersister(MetricWriter writer)
{
    /// <param name="metrics">The metrics, each with an id.</param>
    /// <param name="onRejected">Called for each metric the database rejects on its own, with its index and the error.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of new rows.</returns>
    public Task<int> PersistAsync(IReadOnlyList<MetricRecorded> metrics, Func<int, Exception, Task> onRejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(onRejected);
        return PersistAsync(metrics as MetricRecorded[] ?? [.. metrics], 0, metrics.Count, onRejected, cancellationToken);
    }

    private async Task<int> PersistAsync(MetricRecorded[] metrics, int start, int count, Func<int, Exception, Task> onRejected, CancellationToken cancellationToken)
    {
        if (count == 0)
            return 0;
        try
        {
            return await writer.WriteAsync(new ArraySegment<MetricRecorded>(metrics, start, count), cancellationToken);
        }
        catch (Exception e) when (RowRejection.IsCausedByRow(e))
        {
            if (count == 1)
            {
                await onRejected(start, e);
                return 0;
            }
            var half = count / 2;
            return await PersistAsync(metrics, start, half, onRejected, cancellationToken)
                + await PersistAsync(metrics, start + half, count - half, onRejected, cancellationToken);
        }
    }
}

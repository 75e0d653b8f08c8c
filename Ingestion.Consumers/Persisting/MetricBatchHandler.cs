using System.Diagnostics;
using Ingestion.Consumers.Statistics;
using Ingestion.Contracts;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Storage.Writing;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// The worker's work on one batch, independent of how it was consumed: give id-less metrics their deterministic id,
/// reject invalid ones, write the rest in one idempotent statement (isolating rows the database refuses), count it all.
/// </summary>
public sealed partial class MetricBatchHandler(
    MetricBatchPersister persister,
    WorkerStatistics statistics,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<MetricBatchHandler> logger)
{
    /// <param name="batch">The consumed metrics.</param>
    /// <param name="reject">Dead-letters one metric of the batch; must complete only once the dead-letter record is acknowledged.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of new rows.</returns>
    public async Task<int> HandleAsync(IReadOnlyList<IncomingMetric> batch, Func<MetricRejection, Task> reject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(reject);
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var valid = new List<MetricRecorded>(batch.Count);
        var validIndexes = new List<int>(batch.Count);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var incoming = batch[i];
                var errors = MetricValidator.Validate(incoming.Metric, now, options.Value.MaxMetricAge);
                if (errors.Count > 0)
                {
                    var error = string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}"));
                    LogInvalid(logger, incoming.Topic, incoming.Partition, incoming.Offset, incoming.Metric.Name, error);
                    await RejectAsync(new MetricRejection(i, DeadLetterReasons.Validation, error, null));
                    continue;
                }
                valid.Add(incoming.Metric.Id is null
                    ? incoming.Metric with
                    {
                        Id = DeterministicMetricId.For(incoming.Topic, incoming.Partition, incoming.Offset, incoming.TimestampMs,
                            incoming.Key, incoming.Value, hasKey: incoming.Key is not null),
                    }
                    : incoming.Metric);
                validIndexes.Add(i);
            }

            var inserted = await persister.PersistAsync(valid, async (index, exception) =>
            {
                var incoming = batch[validIndexes[index]];
                LogRefused(logger, exception, incoming.Topic, incoming.Partition, incoming.Offset, incoming.Metric.Name);
                await RejectAsync(new MetricRejection(validIndexes[index], DeadLetterReasons.Exhausted, $"PostgreSQL refused the row: {exception.Message}", exception));
            }, cancellationToken);
            statistics.BatchCompleted(batch.Count, inserted, Stopwatch.GetElapsedTime(started));
            return inserted;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            statistics.BatchFailed(batch.Count);
            var first = batch[0];
            LogBatchFailed(logger, batch.Count, first.Topic, first.Partition, first.Offset, e.GetType().Name, RecordFaults.SqlStateOf(e) ?? "none", e.Message);
            throw;
        }

        async Task RejectAsync(MetricRejection rejection)
        {
            await reject(rejection);
            statistics.DeadLettered();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invalid metric {MetricName} at {Topic}[{Partition}]@{Offset} dead-lettered: {Error}")]
    private static partial void LogInvalid(ILogger logger, string topic, int partition, long offset, string metricName, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "PostgreSQL refused metric {MetricName} at {Topic}[{Partition}]@{Offset}; dead-lettered")]
    private static partial void LogRefused(ILogger logger, Exception exception, string topic, int partition, long offset, string metricName);

    // No stack trace: during an outage every attempt fails the same way, and the message says why.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch of {Count} metrics from {Topic}[{Partition}]@{Offset} failed with {ErrorType}, SQLSTATE {SqlState} ({Error}); left to retry and redelivery")]
    private static partial void LogBatchFailed(ILogger logger, int count, string topic, int partition, long offset, string errorType, string sqlState, string error);
}

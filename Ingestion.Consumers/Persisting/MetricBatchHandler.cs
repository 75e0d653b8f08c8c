using System.Diagnostics;
using Ingestion.Consumers.Statistics;
using Ingestion.Contracts;
using Ingestion.Storage.Writing;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// The worker's work on one batch, independent of how it was consumed: give every metric its id (<see cref="MetricIds"/>),
/// reject invalid ones, write the rest in one idempotent statement, and return what was inserted and what was rejected, with
/// why; the caller rejects them (the rider dead-letters them through the endpoint's error pipe, and the worker's statistics
/// count them there). A write that fails fails the batch: when PostgreSQL refused a row for its
/// data (SQLSTATE class 22 or 23, <see cref="RecordFaults"/>), the rider splits the window until that row stands alone and
/// dead-letters it (the only poison isolation of the pipeline); any other failure is waited out. However many are
/// rejected, the log gets one line per kind per batch.
/// </summary>
public sealed partial class MetricBatchHandler(
    MetricWriter writer,
    WorkerStatistics statistics,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<MetricBatchHandler> logger)
{
    /// <param name="batch">The consumed metrics.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of new rows, and the rejected metrics by their index in <paramref name="batch"/>.</returns>
    public async Task<MetricBatchResult> HandleAsync(IReadOnlyList<IncomingMetric> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var valid = new List<MetricRecorded>(batch.Count);
        var validIndexes = new List<int>(batch.Count);
        var invalid = new List<MetricRejection>();
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var incoming = batch[i];
                var errors = MetricValidator.Validate(incoming.Metric, now, options.Value.MaxMetricAge);
                if (errors.Count > 0)
                {
                    invalid.Add(new MetricRejection(i, string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}"))));
                    continue;
                }
                valid.Add(Stored(incoming));
                validIndexes.Add(i);
            }
            if (invalid.Count > 0)
            {
                var first = batch[invalid[0].Index];
                LogInvalid(logger, invalid.Count, batch.Count, RecordRanges.Describe(batch), first.Metric.Name, first.Topic, first.Partition, first.Offset,
                    invalid[0].Error);
            }

            var inserted = await writer.WriteAsync(valid, cancellationToken);
            statistics.BatchCompleted(valid.Count, inserted, Stopwatch.GetElapsedTime(started));
            return new MetricBatchResult(inserted, invalid);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var records = RecordRanges.Describe(batch);
            // A row refused for its data is no failed try: the rider isolates it, and every record of the batch ends stored or
            // dead-lettered (and is counted there, once).
            if (RecordFaults.IsRecordFault(e))
            {
                LogRefused(logger, batch.Count, records, RecordFaults.SqlStateOf(e) ?? "none", e.Message);
            }
            else
            {
                statistics.BatchFailed(batch.Count);
                LogBatchFailed(logger, batch.Count, records, e.GetType().Name, RecordFaults.SqlStateOf(e) ?? "none", e.Message);
            }
            throw;
        }
    }

    /// <summary>
    /// The metric as it is stored: with its id (<see cref="MetricIds"/>), and, when it carries neither a timestamp nor a
    /// receipt time, received at its record's time, so every delivery of the record stores the same (timestamp, id)
    /// (the writer's idempotency probe looks that pair up; see Ingestion.Storage/README.md).
    /// </summary>
    private static MetricRecorded Stored(in IncomingMetric incoming)
    {
        var metric = incoming.Metric;
        if (metric.Id is null)
            metric = metric with { Id = MetricIds.For(incoming) };
        if (metric.Timestamp is null && metric.ReceivedAt is null && incoming.TimestampMs > 0)
            metric = metric with { ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(incoming.TimestampMs) };
        return metric;
    }

    // One line per batch, whatever the count, and no stack trace: a flood of bad records must not flood the log.
    // A batch may combine several partitions' windows: the records are listed per partition.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} of {BatchCount} metrics from {Records} invalid, dead-lettered; the first, {MetricName} at {Topic}[{Partition}]@{Offset}: {Error}")]
    private static partial void LogInvalid(ILogger logger, int count, int batchCount, string records, string metricName, string topic, int partition, long offset,
        string error);

    // Information, not a warning: isolating one row fails about 2 log2(n) windows on the way, and the rider logs the dead letter.
    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL refused a row of the {Count} metrics from {Records} for its data, SQLSTATE {SqlState} ({Error}); the rider splits the window to isolate it")]
    private static partial void LogRefused(ILogger logger, int count, string records, string sqlState, string error);

    // No stack trace: during an outage every attempt fails the same way, and the message says why.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch of {Count} metrics from {Records} failed with {ErrorType}, SQLSTATE {SqlState} ({Error}); left to retry and redelivery")]
    private static partial void LogBatchFailed(ILogger logger, int count, string records, string errorType, string sqlState, string error);
}

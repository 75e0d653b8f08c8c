using Confluent.Kafka;
using Ingestion.Kafka.Native;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Statistics;

/// <summary>
/// Measures the group's lag (high watermark minus committed offset, per partition) every stats interval, warns above the
/// threshold, and warns loudly when the broker dropped records the group had not committed yet (the embedded broker's
/// fixed retention, DESIGN.md section 7), so truncation is never mistaken for pipeline loss.
/// </summary>
internal sealed partial class ConsumerLagMonitor(
    KafkaAdminSettings kafka, IOptions<WorkerOptions> options, WorkerStatistics statistics, ILogger<ConsumerLagMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        KafkaNativeLibrary.EnsureLoaded();
        using var admin = new AdminClientBuilder(kafka.Admin()).Build();
        using var offsets = new ConsumerBuilder<Ignore, Ignore>(kafka.OffsetReader(settings.GroupId)).Build();
        using var timer = new PeriodicTimer(settings.StatsInterval);
        do
        {
            try
            {
                // Confluent's metadata and offset calls block; keep them off the timer's thread.
                var lags = await Task.Run(() => Measure(admin, offsets, settings.Topic), stoppingToken);
                statistics.LagMeasured(lags);
                var total = lags.Values.Sum();
                if (total > settings.LagWarningThreshold)
                    LogLagHigh(logger, settings.Topic, settings.GroupId, total, settings.LagWarningThreshold);
            }
            catch (KafkaException e)
            {
                LogMeasureFailed(logger, settings.Topic, settings.GroupId, e.Error.Reason);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private Dictionary<int, long> Measure(IAdminClient admin, IConsumer<Ignore, Ignore> offsets, string topic)
    {
        var partitions = admin.GetMetadata(topic, RequestTimeout).Topics.SingleOrDefault()?.Partitions ?? [];
        var topicPartitions = partitions.Select(p => new TopicPartition(topic, p.PartitionId)).ToList();
        var committed = offsets.Committed(topicPartitions, RequestTimeout);
        var lags = new Dictionary<int, long>(committed.Count);
        foreach (var position in committed)
        {
            var watermarks = offsets.QueryWatermarkOffsets(position.TopicPartition, RequestTimeout);
            var start = position.Offset.IsSpecial ? watermarks.Low.Value : position.Offset.Value;
            if (!position.Offset.IsSpecial && position.Offset.Value < watermarks.Low.Value)
                LogTruncated(logger, topic, position.Partition.Value, position.Offset.Value, watermarks.Low.Value);
            lags[position.Partition.Value] = Math.Max(0, watermarks.High.Value - start);
        }
        return lags;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer lag {Lag} on topic {Topic} for group {GroupId} is above the warning threshold {Threshold}")]
    private static partial void LogLagHigh(ILogger logger, string topic, string groupId, long lag, long threshold);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not measure consumer lag on topic {Topic} for group {GroupId}: {Reason}")]
    private static partial void LogMeasureFailed(ILogger logger, string topic, string groupId, string reason);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "BROKER TRUNCATION: topic {Topic} partition {Partition} log start {LogStart} is past the group's committed offset {Committed}; records in between were dropped by the broker, not by the pipeline")]
    private static partial void LogTruncated(ILogger logger, string topic, int partition, long committed, long logStart);
}

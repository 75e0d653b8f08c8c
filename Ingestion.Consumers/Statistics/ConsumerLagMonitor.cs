using Confluent.Kafka;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Lag;
using Ingestion.Kafka.Provisioning;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Statistics;

/// <summary>
/// Measures the group's lag (high watermark minus committed offset, per partition) every stats interval, warns above the
/// threshold, and warns loudly when the broker dropped records the group had not committed yet (the embedded broker's
/// fixed retention: at most 5 MiB or 100,000 batches per partition), so truncation is never mistaken for pipeline loss.
/// </summary>
internal sealed partial class ConsumerLagMonitor(
    IOptions<KafkaOptions> kafka, IOptions<WorkerOptions> options, WorkerStatistics statistics, ILogger<ConsumerLagMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var reader = new ConsumerGroupLagReader(KafkaClientConfigs.Admin(kafka.Value)) { RequestTimeout = RequestTimeout };
        using var timer = new PeriodicTimer(settings.StatsInterval);
        do
        {
            try
            {
                var lag = await reader.ReadAsync(settings.GroupId, settings.Topic, stoppingToken);
                foreach (var partition in lag.Partitions.Where(p => p.IsTruncated))
                    LogTruncated(logger, settings.Topic, partition.Partition, partition.CommittedOffset!.Value, partition.LowWatermark);
                statistics.LagMeasured(lag.Partitions.ToDictionary(p => p.Partition, p => p.Lag));
                if (lag.TotalLag > settings.LagWarningThreshold)
                    LogLagHigh(logger, settings.Topic, settings.GroupId, lag.TotalLag, settings.LagWarningThreshold);
            }
            catch (Exception e) when (e is KafkaException or TopicNotFoundException)
            {
                LogMeasureFailed(logger, settings.Topic, settings.GroupId, e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
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

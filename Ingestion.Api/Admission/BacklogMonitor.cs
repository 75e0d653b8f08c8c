using System.Globalization;
using Confluent.Kafka;
using Ingestion.Api.Options;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Lag;
using Ingestion.Kafka.Producing;
using Ingestion.Kafka.Provisioning;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Admission;

/// <summary>
/// Measures the worker group's unconsumed backlog on the ingestion topic every <see cref="AdmissionOptions.Interval"/>
/// (committed offsets and watermarks, one long-lived client) and tells <see cref="AdmissionControl"/> whether to refuse:
/// from <see cref="AdmissionOptions.MaxBacklogPerPartition"/> on any partition until every partition is below three
/// quarters of it, and likewise from <see cref="AdmissionOptions.MaxBacklogBytesPerPartition"/> of estimated stored bytes
/// (<see cref="BacklogEstimate"/>). When the backlog cannot be measured (broker away), requests are admitted: producing fails on its own then.
/// </summary>
internal sealed partial class BacklogMonitor(
    AdmissionControl admission, IOptions<ApiOptions> api, IOptions<KafkaOptions> kafka, KafkaProducerClient producer, ILogger<BacklogMonitor> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's calls block: a thread of its own, not a pool thread, for the life of the service.
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        var options = admission.Options;
        var topic = api.Value.Topic;
        using var watcher = new ConsumerGroupLagWatcher(KafkaClientConfigs.Admin(kafka.Value), options.GroupId, topic);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Update(watcher.Read(), options);
                if (failing) LogMeasuring(logger, topic, options.GroupId);
                failing = false;
            }
            catch (Exception e) when (e is KafkaException or TopicNotFoundException)
            {
                if (!failing) LogMeasureFailed(logger, topic, options.GroupId, e.Message);
                failing = true;
                admission.Set(null);
            }
            stoppingToken.WaitHandle.WaitOne(options.Interval);
        }
    }

    private void Update(ConsumerGroupLag lag, AdmissionOptions options)
    {
        var deepest = lag.Partitions.Count == 0 ? null : lag.Partitions.MaxBy(p => p.Lag);
        var backlog = deepest?.Lag ?? 0;
        var bytes = BacklogEstimate.StoredBytes(backlog, producer.Volume.AverageRecordBytes(lag.Topic));
        var refusing = admission.Refusal is not null;
        if (Exceeds(backlog, options.MaxBacklogPerPartition, refusing) || Exceeds(bytes, options.MaxBacklogBytesPerPartition, refusing))
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"The consumers are behind: partition {deepest!.Partition} of topic {lag.Topic} holds {backlog:N0} records (about {bytes:N0} bytes) group {lag.Group} has not consumed (limits {options.MaxBacklogPerPartition:N0} records, {options.MaxBacklogBytesPerPartition:N0} bytes).");
            if (!refusing) LogRefusing(logger, lag.Topic, deepest.Partition, backlog, bytes, options.MaxBacklogPerPartition, options.MaxBacklogBytesPerPartition);
            admission.Set(reason);
        }
        else if (refusing)
        {
            LogAdmitting(logger, lag.Topic, backlog);
            admission.Set(null);
        }
    }

    /// <summary>From the limit on (0: no limit), and down to three quarters of it while already refusing.</summary>
    private static bool Exceeds(long value, long limit, bool refusing) =>
        limit > 0 && (value >= limit || (refusing && value >= limit * 3 / 4));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission control: refusing ingestion, partition {Partition} of {Topic} has {Backlog} unconsumed records, about {Bytes} bytes (limits {Limit} records, {ByteLimit} bytes)")]
    private static partial void LogRefusing(ILogger logger, string topic, int partition, long backlog, long bytes, long limit, long byteLimit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission control: admitting ingestion again, deepest backlog on {Topic} is {Backlog} records")]
    private static partial void LogAdmitting(ILogger logger, string topic, long backlog);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission control cannot measure the backlog of group {GroupId} on {Topic} ({Reason}); admitting requests meanwhile")]
    private static partial void LogMeasureFailed(ILogger logger, string topic, string groupId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admission control measures the backlog of group {GroupId} on {Topic} again")]
    private static partial void LogMeasuring(ILogger logger, string topic, string groupId);
}

using Microsoft.Extensions.Logging;

namespace Ingestion.Kafka.Diagnostics;

/// <summary>The rider's log lines: structured, naming topic, partition and offset.</summary>
internal static partial class KafkaLog
{
    [LoggerMessage(1, LogLevel.Information, "Kafka topic endpoint {Topic} started in group {GroupId} ({BootstrapServers})")]
    public static partial void EndpointStarted(this ILogger logger, string topic, string groupId, string bootstrapServers);

    [LoggerMessage(2, LogLevel.Information, "Kafka topic endpoint {Topic} stopped in group {GroupId}")]
    public static partial void EndpointStopped(this ILogger logger, string topic, string groupId);

    [LoggerMessage(3, LogLevel.Information, "Kafka {Topic} partitions assigned: {Partitions}")]
    public static partial void Assigned(this ILogger logger, string topic, string partitions);

    [LoggerMessage(4, LogLevel.Information, "Kafka {Topic} partitions revoked: {Partitions} (committed {Offsets})")]
    public static partial void Revoked(this ILogger logger, string topic, string partitions, string offsets);

    [LoggerMessage(5, LogLevel.Warning, "Kafka {Topic} partitions lost: {Partitions} (nothing committed)")]
    public static partial void Lost(this ILogger logger, string topic, string partitions);

    [LoggerMessage(6, LogLevel.Warning, "Kafka {Topic} [{Partition}] offset {Offset}: redelivering {Count} message(s) in {Delay} (delivery {Delivery})")]
    public static partial void Redelivering(this ILogger logger, Exception exception, string topic, int partition, long offset, int count, TimeSpan delay, int delivery);

    [LoggerMessage(7, LogLevel.Warning, "Kafka {Topic} [{Partition}] offset {Offset}: dead-lettered to {DeadLetterTopic} with reason {Reason}")]
    public static partial void DeadLettered(this ILogger logger, Exception exception, string topic, int partition, long offset, string reason, string deadLetterTopic);

    [LoggerMessage(8, LogLevel.Error, "Kafka {Topic} [{Partition}] offset {Offset}: the dead-letter record was not acknowledged; the record is delivered again after the redelivery delay")]
    public static partial void DeadLetterNotAcknowledged(this ILogger logger, Exception exception, string topic, int partition, long offset);

    [LoggerMessage(15, LogLevel.Warning, "Kafka {Topic} [{Partition}] offset {Offset}: {DeadLetterTopic} refused the dead-letter record as too large (limit taken as {Limit} bytes); sent a minimal record without the original instead")]
    public static partial void DeadLetterTooLarge(this ILogger logger, string topic, int partition, long offset, string deadLetterTopic, int limit);

    [LoggerMessage(9, LogLevel.Warning, "Kafka {Topic}: commit failed: {Reason}")]
    public static partial void CommitFailed(this ILogger logger, string topic, string reason);

    [LoggerMessage(10, LogLevel.Warning, "Kafka {Topic} consumer error {Code}: {Reason}")]
    public static partial void ConsumerError(this ILogger logger, string topic, string code, string reason);

    [LoggerMessage(11, LogLevel.Error, "Kafka {Topic} [{Partition}]: the partition worker failed unexpectedly (fault {FaultsInARow} in a row); restarting it from the last completed offset")]
    public static partial void PartitionFaulted(this ILogger logger, Exception exception, string topic, int partition, int faultsInARow);

    [LoggerMessage(12, LogLevel.Critical, "Kafka topic endpoint {Topic}: the poll loop failed")]
    public static partial void PollFaulted(this ILogger logger, Exception exception, string topic);

    [LoggerMessage(14, LogLevel.Warning, "Kafka {Topic} [{Partition}]: partition processing restarted from offset {Offset} (fault {FaultsInARow} in a row, start delayed {Delay})")]
    public static partial void PartitionRestarted(this ILogger logger, string topic, int partition, long offset, int faultsInARow, TimeSpan delay);

    [LoggerMessage(13, LogLevel.Warning, "Kafka {Topic} [{Partition}]: the broker dropped records {From}..{To} before group {GroupId} committed them (retention); they are lost")]
    public static partial void Truncated(this ILogger logger, string topic, int partition, long from, long to, string groupId);
}

namespace Ingestion.Kafka.DeadLettering;

/// <summary>Kafka header names on dead-letter and replayed records, so tools filter without parsing values.</summary>
public static class DeadLetterHeaders
{
    public const string Reason = "dlq-reason";
    public const string ErrorType = "dlq-error-type";
    public const string OriginalTopic = "dlq-original-topic";
    public const string OriginalPartition = "dlq-original-partition";
    public const string OriginalOffset = "dlq-original-offset";
    public const string MessageId = "message-id";

    /// <summary>On a replayed record: the DLQ record it came from, <c>metrics_dlq:partition:offset</c>.</summary>
    public const string ReplayedFrom = "dlq-replayed-from";

    /// <summary>On a replayed record: how many times it has been replayed.</summary>
    public const string ReplayCount = "dlq-replay-count";
}

namespace Ingestion.Contracts;

/// <summary>Kafka topic and consumer group names used by the pipeline.</summary>
public static class Topics
{
    /// <summary>Accepted metrics, one JSON record per metric.</summary>
    public const string Metrics = "metrics";

    /// <summary>Dead-letter topic: records the worker could not persist, with the reason.</summary>
    public const string MetricsDeadLetter = "metrics_dlq";

    /// <summary>The worker fleet's consumer group on <see cref="Metrics"/>.</summary>
    public const string MetricsWorkerGroup = "metrics_worker_group";

    /// <summary>The consumer group the ops tool keeps its replay position in.</summary>
    public const string DeadLetterReplayGroup = "metrics_dlq_replay";
}

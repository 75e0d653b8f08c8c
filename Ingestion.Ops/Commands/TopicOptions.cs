using System.CommandLine;

namespace Ingestion.Ops.Commands;

/// <summary>Topic overrides (Ops:MetricsTopic / Ops:DeadLetterTopic in configuration), so tests and other deployments can point elsewhere.</summary>
internal static class TopicOptions
{
    public static Option<string?> Metrics() => new("--topic") { Description = "The metrics topic (default Ops:MetricsTopic, metrics)." };

    public static Option<string?> DeadLetter() => new("--dlq-topic") { Description = "The dead-letter topic (default Ops:DeadLetterTopic, metrics_dlq)." };
}

using Ingestion.Ops.DeadLetters;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary>Everything <c>dlq replay</c> was asked to do.</summary>
internal sealed record ReplayRequest(
    string DeadLetterTopic,
    string ReplayGroup,
    string MetricsTopic,
    DeadLetterFilter Filter,
    int? Limit,
    int MaxReplayCount,
    bool DryRun,
    bool Yes);

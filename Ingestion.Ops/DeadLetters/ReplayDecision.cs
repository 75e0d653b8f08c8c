namespace Ingestion.Ops.DeadLetters;

/// <summary>What a replay does with one DLQ record.</summary>
internal enum ReplayAction
{
    /// <summary>Republish its original bytes to the metrics topic.</summary>
    Replay,

    /// <summary>Leave it (too many replays, unreadable); reported, and the replay position moves past it.</summary>
    Skip,

    /// <summary>Not selected by the filters; the replay position moves past it.</summary>
    Pass,
}

/// <summary>One DLQ record and what the replay will do with it, and why.</summary>
internal sealed record ReplayDecision(DeadLetterEntry Entry, ReplayAction Action, string? Why = null);

namespace Ingestion.Ops.DeadLetters;

/// <summary>What a replay did: counts, and the records that were skipped or failed with the reason.</summary>
internal sealed class ReplayOutcome
{
    public int Replayed { get; set; }
    public int Passed { get; set; }
    public int NotAttempted { get; set; }
    public List<ReplayDecision> Skipped { get; } = [];
    public List<ReplayDecision> Failed { get; } = [];
    public bool Cancelled { get; set; }
}

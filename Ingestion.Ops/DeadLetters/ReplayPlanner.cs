namespace Ingestion.Ops.DeadLetters;

/// <summary>Decides, record by record from the replay position, what a replay does; stops after <c>limit</c> replays.</summary>
internal sealed class ReplayPlanner(DeadLetterFilter filter, int maxReplayCount, int? limit)
{
    public IReadOnlyList<ReplayDecision> Plan(IEnumerable<DeadLetterEntry> entries)
    {
        var plan = new List<ReplayDecision>();
        var replays = 0;
        foreach (var entry in entries)
        {
            if (limit is { } most && replays >= most) break;
            var decision = Decide(entry);
            plan.Add(decision);
            if (decision.Action == ReplayAction.Replay) replays++;
        }
        return plan;
    }

    public ReplayDecision Decide(DeadLetterEntry entry)
    {
        if (!filter.Matches(entry))
            return new ReplayDecision(entry, ReplayAction.Pass);
        if (entry.Record is null)
            return new ReplayDecision(entry, ReplayAction.Skip, $"unreadable: {entry.ReadError}");
        if (entry.Record.ReplayCount >= maxReplayCount)
            return new ReplayDecision(entry, ReplayAction.Skip, $"already replayed {entry.Record.ReplayCount} times (maximum {maxReplayCount})");
        // A truncated record no longer holds the message (or its key) whole: republishing the prefix would store a different
        // metric or none. Refused, with where the whole original still is.
        if (entry.Record is { OriginalTruncated: true } or { OriginalKeyTruncated: true })
            return new ReplayDecision(entry, ReplayAction.Skip, TruncatedWhy(entry.Record));
        if (entry.OriginalBytes() is null)
            return new ReplayDecision(entry, ReplayAction.Skip, "the record holds no original message bytes");
        return new ReplayDecision(entry, ReplayAction.Replay);
    }

    private static string TruncatedWhy(Ingestion.Kafka.DeadLettering.DeadLetterRecord record) =>
        $"the DLQ record holds only part of the original ({(record.OriginalTruncated ? "message" : "key")} truncated; {record.OriginalSize} bytes, " +
        $"sha256 {record.OriginalSha256}); the whole original is on {record.OriginalTopic} {record.Partition}:{record.Offset} until retention";
}

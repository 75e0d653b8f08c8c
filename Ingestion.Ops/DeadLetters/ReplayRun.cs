namespace Ingestion.Ops.DeadLetters;

/// <summary>
/// Executes a replay plan in DLQ order. The replay group's position advances after each acknowledged replay (covering the
/// skipped and unselected records before it), so a rerun never replays a record twice and an interrupted run resumes.
/// A failed replay stops the run there: the position never passes a record that did not land.
/// </summary>
internal sealed class ReplayRun(DeadLetterTopic deadLetters, DeadLetterRepublisher republisher)
{
    public async Task<ReplayOutcome> ExecuteAsync(IReadOnlyList<ReplayDecision> plan, Action<ReplayDecision> progress, CancellationToken cancellationToken)
    {
        var outcome = new ReplayOutcome();
        var uncommitted = new Dictionary<int, long>();
        for (var index = 0; index < plan.Count; index++)
        {
            var decision = plan[index];
            var entry = decision.Entry;
            if (cancellationToken.IsCancellationRequested)
            {
                outcome.Cancelled = true;
                outcome.NotAttempted = plan.Skip(index).Count(remaining => remaining.Action == ReplayAction.Replay);
                break;
            }
            switch (decision.Action)
            {
                case ReplayAction.Pass:
                    outcome.Passed++;
                    uncommitted[entry.Partition] = entry.Offset + 1;
                    continue;
                case ReplayAction.Skip:
                    outcome.Skipped.Add(decision);
                    uncommitted[entry.Partition] = entry.Offset + 1;
                    continue;
            }

            try
            {
                await republisher.RepublishAsync(entry);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                outcome.Failed.Add(decision with { Why = exception.Message });
                outcome.NotAttempted = plan.Skip(index + 1).Count(remaining => remaining.Action == ReplayAction.Replay);
                break;
            }
            deadLetters.CommitReplayPosition(entry.Partition, entry.Offset + 1);
            uncommitted.Remove(entry.Partition);
            outcome.Replayed++;
            progress(decision);
        }

        // Skipped and unselected records after the last replay in a partition: move the position past them too.
        foreach (var (partition, next) in uncommitted)
            deadLetters.CommitReplayPosition(partition, next);
        return outcome;
    }
}

using System.Globalization;
using Ingestion.Ops.DeadLetters;
using Spectre.Console;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary>What <c>dlq replay</c> prints: the plan on a dry run, the summary and the problem records afterwards.</summary>
internal static class ReplayReport
{
    public static void WritePlan(OpsContext context, ReplayRequest request, IReadOnlyList<ReplayDecision> plan)
    {
        var shown = plan.Where(decision => decision.Action != ReplayAction.Pass).ToList();
        if (shown.Count > 0)
        {
            var table = new Table { Title = new TableTitle($"dry run: {TerminalText.Cell(request.DeadLetterTopic)} -> {TerminalText.Cell(request.MetricsTopic)}") };
            table.AddColumns("DLQ position", "Metric", "Reason", "Replays", "Would");
            foreach (var decision in shown)
            {
                table.AddRow(TerminalText.Cell(decision.Entry.Position), TerminalText.Cell(decision.Entry.MetricName ?? "-"),
                    TerminalText.Cell(decision.Entry.Record?.Reason ?? "?"), Count(decision.Entry.Record?.ReplayCount ?? 0),
                    decision.Action == ReplayAction.Replay ? "replay" : TerminalText.Cell($"skip: {decision.Why}"));
            }
            context.Console.Write(table);
        }
        context.Output.WriteLine(
            $"Dry run: would replay {Tally(plan, ReplayAction.Replay)}, skip {Tally(plan, ReplayAction.Skip)}; " +
            $"{Tally(plan, ReplayAction.Pass)} not selected by the filters. Nothing was published or committed.");
    }

    public static void WriteOutcome(OpsContext context, ReplayRequest request, ReplayOutcome outcome)
    {
        var summary = new Table { Title = new TableTitle($"replay {TerminalText.Cell(request.DeadLetterTopic)} -> {TerminalText.Cell(request.MetricsTopic)}") };
        summary.AddColumns("Replayed", "Skipped", "Failed", "Not selected", "Not attempted");
        summary.AddRow(Count(outcome.Replayed), Count(outcome.Skipped.Count),
            outcome.Failed.Count > 0 ? $"[red]{outcome.Failed.Count}[/]" : "0", Count(outcome.Passed), Count(outcome.NotAttempted));
        context.Console.Write(summary);

        var problems = outcome.Skipped.Select(decision => ("skipped", decision)).Concat(outcome.Failed.Select(decision => ("failed", decision))).ToList();
        if (problems.Count > 0)
        {
            var details = new Table();
            details.AddColumns("DLQ position", "Metric", "Result", "Why");
            foreach (var (result, decision) in problems)
                details.AddRow(TerminalText.Cell(decision.Entry.Position), TerminalText.Cell(decision.Entry.MetricName ?? "-"), result, TerminalText.Cell(decision.Why ?? ""));
            context.Console.Write(details);
        }
        if (outcome.Failed.Count > 0)
            context.Error.WriteLine($"error: replaying {outcome.Failed[0].Entry.Position} failed ({outcome.Failed[0].Why}); the replay position stops before it, so running dlq replay again retries it.");
        if (outcome.Cancelled)
            context.Error.WriteLine("Replay interrupted; run dlq replay again to resume where it stopped.");
    }

    private static string Tally(IReadOnlyList<ReplayDecision> plan, ReplayAction action) => Count(plan.Count(decision => decision.Action == action));

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}

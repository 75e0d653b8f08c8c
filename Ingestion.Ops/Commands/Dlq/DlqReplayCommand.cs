using System.CommandLine;
using Ingestion.Ops.DeadLetters;
using Spectre.Console;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary>
/// <c>dlq replay</c>: republishes selected DLQ records' original bytes to the metrics topic, from the replay group's position.
/// </summary>
internal static class DlqReplayCommand
{
    public static Command Create(CommandRunner runner)
    {
        var filters = new DlqFilterOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be replayed; publish and commit nothing." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (required when not on a terminal)." };
        var maxReplays = new Option<int?>("--max-replay-count") { Description = "Skip records already replayed this many times (default Ops:MaxReplayCount, 3)." };
        var topic = TopicOptions.Metrics();
        var command = new Command("replay", "Republish dead-lettered records (original bytes and key) to the metrics topic; resumes where the last replay stopped.");
        filters.AddTo(command);
        command.Options.Add(dryRun);
        command.Options.Add(yes);
        command.Options.Add(maxReplays);
        command.Options.Add(topic);
        runner.Bind(command, (context, parse, cancellationToken) =>
        {
            var request = new ReplayRequest(
                filters.Topic(parse, context), filters.Group(parse, context), parse.GetValue(topic) ?? context.Settings.MetricsTopic,
                filters.Filter(parse), parse.GetValue(filters.Limit), parse.GetValue(maxReplays) ?? context.Settings.MaxReplayCount,
                parse.GetValue(dryRun), parse.GetValue(yes));
            return RunAsync(context, request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(OpsContext context, ReplayRequest request, CancellationToken cancellationToken)
    {
        using var deadLetters = DlqOpening.Open(context, request.DeadLetterTopic, request.ReplayGroup);
        var planner = new ReplayPlanner(request.Filter, request.MaxReplayCount, request.Limit);
        var plan = await Task.Run(() => planner.Plan(deadLetters.Read(range => range.ReplayStart, cancellationToken)), cancellationToken);
        var replays = plan.Count(decision => decision.Action == ReplayAction.Replay);

        if (request.DryRun)
        {
            ReplayReport.WritePlan(context, request, plan);
            return 0;
        }
        if (plan.Count == 0)
        {
            await context.Output.WriteLineAsync($"Nothing to replay: no record in {request.DeadLetterTopic} after the replay position of group {request.ReplayGroup}.");
            return 0;
        }
        if (replays > 0 && !request.Yes && !Confirm(context, request, replays))
        {
            await context.Error.WriteLineAsync("Replay cancelled; nothing was published.");
            return 1;
        }

        using var republisher = new DeadLetterRepublisher(context.Settings.KafkaClientConfig(), request.DeadLetterTopic, request.MetricsTopic);
        var run = new ReplayRun(deadLetters, republisher);
        ReplayOutcome outcome;
        if (context.Terminal.OutputIsTerminal && replays > 0)
        {
            outcome = await context.Console.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask($"replaying to {TerminalText.Cell(request.MetricsTopic)}", maxValue: replays);
                return await run.ExecuteAsync(plan, _ => task.Increment(1), cancellationToken);
            });
        }
        else
        {
            outcome = await run.ExecuteAsync(plan, _ => { }, cancellationToken);
        }

        ReplayReport.WriteOutcome(context, request, outcome);
        if (outcome.Cancelled) return 130;
        return outcome.Failed.Count > 0 ? 1 : 0;
    }

    private static bool Confirm(OpsContext context, ReplayRequest request, int replays)
    {
        if (!context.Terminal.InputIsTerminal || !context.Terminal.OutputIsTerminal)
        {
            throw new OpsException($"Refusing to replay {replays} record(s) without confirmation: no terminal to ask on. " +
                "Pass --yes (see what would happen first with --dry-run).");
        }
        return context.Console.Confirm($"Replay {replays} record(s) from {TerminalText.Cell(request.DeadLetterTopic)} to {TerminalText.Cell(request.MetricsTopic)}?", defaultValue: false);
    }
}

using System.CommandLine;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary><c>dlq</c>: inspect and replay the dead-letter topic.</summary>
internal static class DlqCommands
{
    public static Command Create(CommandRunner runner)
    {
        var dlq = new Command("dlq", "Inspect and replay dead-lettered metrics.");
        dlq.Subcommands.Add(DlqListCommand.Create(runner));
        dlq.Subcommands.Add(DlqShowCommand.Create(runner));
        dlq.Subcommands.Add(DlqReplayCommand.Create(runner));
        return dlq;
    }
}

using System.CommandLine;

namespace Ingestion.Ops.Commands.Dev;

/// <summary><c>dev</c>: helpers for the local pipeline.</summary>
internal static class DevCommands
{
    public static Command Create(CommandRunner runner)
    {
        var dev = new Command("dev", "Development helpers for the local pipeline.");
        dev.Subcommands.Add(DevBrokerCommand.Create(runner));
        return dev;
    }
}

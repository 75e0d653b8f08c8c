using System.CommandLine;

namespace Ingestion.Ops.Commands.Provisioning;

/// <summary><c>topics</c>: create missing topics and show what the cluster holds.</summary>
internal static class TopicsCommands
{
    public static Command Create(CommandRunner runner)
    {
        var topics = new Command("topics", "Create missing topics, describe existing ones.");
        topics.Subcommands.Add(TopicsEnsureCommand.Create(runner));
        topics.Subcommands.Add(TopicsDescribeCommand.Create(runner));
        return topics;
    }
}

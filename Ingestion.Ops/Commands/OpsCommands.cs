using System.CommandLine;
using System.CommandLine.Help;
using Ingestion.Ops.Commands.Db;
using Ingestion.Ops.Commands.Dev;
using Ingestion.Ops.Commands.Dlq;
using Ingestion.Ops.Commands.Lag;
using Ingestion.Ops.Commands.Provisioning;

namespace Ingestion.Ops.Commands;

/// <summary>The command tree: one file per command, grouped by concern.</summary>
internal static class OpsCommands
{
    public static Command CreateRoot(CommandRunner runner)
    {
        // A plain Command rather than RootCommand, so usage says ingestion-ops however the tool was started (dotnet Ingestion.Ops.dll).
        var root = new Command("ingestion-ops", "Operate the Ingestion pipeline: DLQ, lag, topics, migrations, the embedded dev broker.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Options.Add(GlobalOptions.BootstrapServers);
        root.Options.Add(GlobalOptions.ConnectionString);
        root.Options.Add(GlobalOptions.Verbose);
        root.Subcommands.Add(DlqCommands.Create(runner));
        root.Subcommands.Add(LagCommand.Create(runner));
        root.Subcommands.Add(TopicsCommands.Create(runner));
        root.Subcommands.Add(DbCommands.Create(runner));
        root.Subcommands.Add(DevCommands.Create(runner));
        return root;
    }
}

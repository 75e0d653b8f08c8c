using System.CommandLine;

namespace Ingestion.Ops.Commands.Db;

/// <summary><c>db</c>: the metrics database.</summary>
internal static class DbCommands
{
    public static Command Create(CommandRunner runner)
    {
        var db = new Command("db", "Manage the metrics database.");
        db.Subcommands.Add(DbMigrateCommand.Create(runner));
        db.Subcommands.Add(DbRetentionCommand.Create(runner));
        return db;
    }
}

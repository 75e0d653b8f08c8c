using System.CommandLine;
using Ingestion.Storage.Migrating;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Ops.Commands.Db;

/// <summary><c>db migrate</c>: applies pending EF Core migrations (the production path; development migrates on start).</summary>
internal static class DbMigrateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"applied\": [...]} instead of text." };
        var command = new Command("migrate", "Apply pending EF Core migrations to the metrics database and list them.") { json };
        runner.Bind(command, (context, parse, cancellationToken) => RunAsync(context, parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(OpsContext context, bool json, CancellationToken cancellationToken)
    {
        var connectionString = context.Settings.RequireConnectionString();
        await using var services = DbServices.Create(context, connectionString);
        // The long part (copying and summarising stored rows) reports as it goes; on stderr, so --json output stays one object.
        var progress = new LineProgress(json ? context.Error : context.Output);
        var applied = await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(progress, cancellationToken);

        if (json)
        {
            await context.Output.WriteLineAsync(OpsJson.Line(new MigrationReport(applied)));
            return 0;
        }
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var where = $"database '{target.Database}' on {target.Host}:{target.Port}";
        if (applied.Count == 0)
        {
            await context.Output.WriteLineAsync($"The schema of {where} is current; no migration applied.");
            return 0;
        }
        await context.Output.WriteLineAsync($"Applied {applied.Count} migration(s) to {where}:");
        foreach (var migration in applied)
            await context.Output.WriteLineAsync($"  {migration}");
        return 0;
    }

    private sealed record MigrationReport(IReadOnlyList<string> Applied);
}

using System.CommandLine;
using System.Globalization;
using Ingestion.Storage.Retention;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Ops.Commands.Db;

/// <summary>
/// <c>db retention [--dry-run]</c>: runs the retention job the workers run (partitions ahead, expired partitions dropped
/// whole) once, and says which partitions it removed, or with <c>--dry-run</c> which it would remove.
/// </summary>
internal static class DbRetentionCommand
{
    public static Command Create(CommandRunner runner)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Change nothing; list the partitions a run would drop." };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var command = new Command("retention", "Drop the partitions older than Storage:Retention (raw, 1m, 1h) and create the coming days' partitions.")
        {
            dryRun, json,
        };
        runner.Bind(command, (context, parse, cancellationToken) => RunAsync(context, parse.GetValue(dryRun), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(OpsContext context, bool dryRun, bool json, CancellationToken cancellationToken)
    {
        await using var services = DbServices.Create(context, context.Settings.RequireConnectionString());
        var report = await services.GetRequiredService<RetentionJob>().RunAsync(dryRun, cancellationToken);
        if (json)
        {
            await context.Output.WriteLineAsync(OpsJson.Line(report));
            return report.Ran ? 0 : 2;
        }
        if (!report.Ran)
        {
            await context.Error.WriteLineAsync("Another process (a worker) is running retention right now; nothing was done. Try again in a minute.");
            return 2;
        }
        var verb = dryRun ? "Would drop" : "Dropped";
        if (report.Expired.Count == 0)
            await context.Output.WriteLineAsync($"Nothing is older than the retention settings.{(dryRun ? " (dry run)" : "")}");
        else
            await context.Output.WriteLineAsync($"{verb} {report.Expired.Count} partition(s):");
        foreach (var partition in report.Expired)
        {
            var rows = partition.EstimatedRows is { } estimate ? $"about {estimate.ToString("N0", CultureInfo.InvariantCulture)} rows" : "rows not yet counted by ANALYZE";
            await context.Output.WriteLineAsync(
                $"  {partition.Table,-9} {partition.Partition,-22} {partition.From.UtcDateTime:yyyy-MM-dd HH:mm} .. {partition.To.UtcDateTime:yyyy-MM-dd HH:mm} UTC  {rows}");
        }
        if (!dryRun)
            await context.Output.WriteLineAsync($"Created {report.PartitionsCreated} partition(s) ahead.");
        return 0;
    }
}

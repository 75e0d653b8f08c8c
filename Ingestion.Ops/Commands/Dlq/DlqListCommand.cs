using System.CommandLine;
using System.Globalization;
using Ingestion.Ops.DeadLetters;
using Spectre.Console;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary><c>dlq list</c>: a table (or JSON lines) of DLQ records, oldest first per partition.</summary>
internal static class DlqListCommand
{
    private const int ErrorWidth = 60;

    public static Command Create(CommandRunner runner)
    {
        var filters = new DlqFilterOptions();
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line." };
        var command = new Command("list", "List dead-lettered records: position, time, reason, error, metric name, original position.");
        filters.AddTo(command);
        command.Options.Add(json);
        runner.Bind(command, (context, parse, cancellationToken) =>
        {
            var topic = filters.Topic(parse, context);
            var group = filters.Group(parse, context);
            return Task.Run(() => Run(context, topic, group, filters.Filter(parse), parse.GetValue(filters.Limit), parse.GetValue(json), cancellationToken), cancellationToken);
        });
        return command;
    }

    private static int Run(OpsContext context, string topic, string group, DeadLetterFilter filter, int? limit, bool json, CancellationToken cancellationToken)
    {
        using var deadLetters = DlqOpening.Open(context, topic, group);
        var total = deadLetters.Ranges.Sum(range => range.High - range.Low);
        var selected = deadLetters.Read(range => range.Low, cancellationToken).Where(filter.Matches);
        var entries = (limit is { } most ? selected.Take(most) : selected).ToList();

        if (json)
        {
            foreach (var entry in entries)
                context.Output.WriteLine(OpsJson.Line(DlqListLine.From(entry, deadLetters.Ranges)));
            return 0;
        }
        if (entries.Count == 0)
        {
            context.Output.WriteLine(total == 0
                ? $"The dead-letter topic {topic} is empty."
                : $"No record of the {total} in {topic} matches the filters.");
            return 0;
        }

        var table = new Table { Title = new TableTitle($"{Markup.Escape(topic)}: {entries.Count} of {total} records") };
        table.AddColumns("DLQ position", "DLQ time (UTC)", "Reason", "Error", "Metric", "Key", "Original", "Replays", "Replay state");
        foreach (var entry in entries)
        {
            var line = DlqListLine.From(entry, deadLetters.Ranges);
            table.AddRow(Markup.Escape(entry.Position), entry.DeadLetteredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                Markup.Escape(line.Reason ?? "?"), Markup.Escape(Shorten(line.Error)), Markup.Escape(line.MetricName ?? "-"),
                Markup.Escape(line.OriginalKey ?? "-"),
                Markup.Escape(line.OriginalTopic is null ? "-" : $"{line.OriginalTopic} {entry.OriginalPosition}"),
                (line.ReplayCount ?? 0).ToString(CultureInfo.InvariantCulture), line.ReplayState);
        }
        context.Console.Write(table);
        return 0;
    }

    private static string Shorten(string? text)
    {
        var single = (text ?? "").ReplaceLineEndings(" ");
        return single.Length <= ErrorWidth ? single : string.Concat(single.AsSpan(0, ErrorWidth - 1), "…");
    }
}

using System.CommandLine;
using Ingestion.Contracts;
using Ingestion.Kafka.Lag;
using Ingestion.Kafka.Provisioning;
using Spectre.Console;

namespace Ingestion.Ops.Commands.Lag;

/// <summary><c>lag</c>: a consumer group's committed offsets against the topic's watermarks, and loud truncation warnings.</summary>
internal static class LagCommand
{
    public static Command Create(CommandRunner runner)
    {
        var group = new Option<string>("--group", "-g") { Description = "The consumer group.", DefaultValueFactory = _ => Topics.MetricsWorkerGroup };
        var topic = TopicOptions.Metrics();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var startsAtZero = new Option<bool>("--group-starts-at-zero")
        {
            Description = "The topic began empty with this group as its consumer (the embedded broker under ./ingest up): a partition the group " +
                          "never committed counts from offset 0, so records the broker dropped before the first commit count as truncated.",
        };
        var command = new Command("lag", "Show a consumer group's committed offset, high watermark and lag per partition.") { group, topic, json, startsAtZero };
        runner.Bind(command, (context, parse, cancellationToken) => RunAsync(context,
            parse.GetValue(group)!, parse.GetValue(topic) ?? context.Settings.MetricsTopic, parse.GetValue(json), parse.GetValue(startsAtZero), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(OpsContext context, string group, string topic, bool json, bool startsAtZero, CancellationToken cancellationToken)
    {
        ConsumerGroupLag lag;
        try
        {
            lag = await new ConsumerGroupLagReader(context.Settings.KafkaClientConfig()).ReadAsync(group, topic, cancellationToken);
        }
        catch (TopicNotFoundException)
        {
            throw new OpsException($"Topic '{topic}' does not exist on {context.Settings.BootstrapServers}.");
        }
        if (startsAtZero)
            lag = lag with { Partitions = [.. lag.Partitions.Select(partition => partition with { StartsAtZero = true })] };

        if (json)
            await context.Output.WriteLineAsync(OpsJson.Line(lag));
        else
            context.Console.Write(Table(lag));

        foreach (var partition in lag.Partitions.Where(partition => partition.IsTruncated))
        {
            context.Warn($"TRUNCATION on {topic} partition {partition.Partition}: the broker's log starts at {partition.LowWatermark} but group " +
                $"{group} committed {partition.CommittedOffset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}; {partition.TruncatedRecords} records were dropped by broker retention before " +
                "they were consumed (on the embedded broker: its fixed 5 MiB / 100,000 batches per partition).");
        }
        return 0;
    }

    private static Table Table(ConsumerGroupLag lag)
    {
        var table = new Table { Title = new TableTitle($"group {TerminalText.Cell(lag.Group)} on {TerminalText.Cell(lag.Topic)}") };
        table.AddColumn("Partition");
        table.AddColumn(new TableColumn("Committed").RightAligned());
        table.AddColumn(new TableColumn("Log start").RightAligned());
        table.AddColumn(new TableColumn("High watermark").RightAligned());
        table.AddColumn(new TableColumn("Lag").RightAligned());
        table.AddColumn(new TableColumn("Truncated").RightAligned());
        foreach (var partition in lag.Partitions)
        {
            table.AddRow(Cell(partition.Partition), partition.CommittedOffset is { } committed ? Cell(committed) : "-",
                Cell(partition.LowWatermark), Cell(partition.HighWatermark), Cell(partition.Lag),
                partition.IsTruncated ? $"[red bold]{partition.TruncatedRecords}[/]" : "0");
        }
        table.AddEmptyRow();
        table.AddRow("total", "", "", Cell(lag.Partitions.Sum(partition => partition.HighWatermark)), Cell(lag.TotalLag), Cell(lag.TotalTruncated));
        return table;
    }

    private static string Cell(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

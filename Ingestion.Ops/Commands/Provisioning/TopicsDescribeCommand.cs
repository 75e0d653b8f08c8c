using System.CommandLine;
using System.Globalization;
using Ingestion.Kafka.Provisioning;
using Spectre.Console;

namespace Ingestion.Ops.Commands.Provisioning;

/// <summary><c>topics describe</c>: partitions, leaders, replicas and watermarks.</summary>
internal static class TopicsDescribeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var names = new Argument<string[]>("topic") { Description = "Topics to describe (default: the metrics and dead-letter topics).", Arity = ArgumentArity.ZeroOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per topic." };
        var command = new Command("describe", "Show each topic's partitions, leaders and low/high watermarks.") { names, json };
        runner.Bind(command, (context, parse, cancellationToken) =>
        {
            var topics = parse.GetValue(names) is { Length: > 0 } given ? given : [context.Settings.MetricsTopic, context.Settings.DeadLetterTopic];
            return RunAsync(context, topics, parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(OpsContext context, IReadOnlyList<string> topics, bool json, CancellationToken cancellationToken)
    {
        IReadOnlyList<TopicState> states;
        try
        {
            states = await new TopicProvisioner(context.Settings.KafkaClientConfig()).DescribeAsync(topics, cancellationToken);
        }
        catch (TopicNotFoundException exception)
        {
            throw new OpsException($"Topic '{exception.Topic}' does not exist on {context.Settings.BootstrapServers}.", exception);
        }

        foreach (var state in states)
        {
            if (json)
            {
                await context.Output.WriteLineAsync(OpsJson.Line(state));
                continue;
            }
            var table = new Table { Title = new TableTitle(TerminalText.Cell(state.Name)) };
            table.AddColumns("Partition", "Leader", "Replicas", "In sync", "Log start", "High watermark", "Records");
            foreach (var partition in state.Partitions)
            {
                table.AddRow(Cell(partition.Partition), Cell(partition.Leader), string.Join(',', partition.Replicas),
                    string.Join(',', partition.InSyncReplicas), Cell(partition.LowWatermark), Cell(partition.HighWatermark),
                    Cell(partition.HighWatermark - partition.LowWatermark));
            }
            context.Console.Write(table);
        }
        return 0;
    }

    private static string Cell(long value) => value.ToString(CultureInfo.InvariantCulture);
}

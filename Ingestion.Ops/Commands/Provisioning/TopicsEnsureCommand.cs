using System.CommandLine;
using Ingestion.Kafka.Provisioning;
using Spectre.Console;

namespace Ingestion.Ops.Commands.Provisioning;

/// <summary><c>topics ensure</c>: idempotent; existing topics are a success and are never altered.</summary>
internal static class TopicsEnsureCommand
{
    public static Command Create(CommandRunner runner)
    {
        var partitions = new Option<int>("--partitions") { Description = "Partitions for topics that are created.", DefaultValueFactory = _ => 3 };
        var replication = new Option<short>("--replication-factor") { Description = "Replicas per partition (-1: the broker's default).", DefaultValueFactory = _ => -1 };
        var retention = new Option<double>("--retention-days") { Description = "Retention of the metrics topic.", DefaultValueFactory = _ => 7 };
        var dlqRetention = new Option<double>("--dlq-retention-days") { Description = "Retention of the dead-letter topic.", DefaultValueFactory = _ => 30 };
        var topic = TopicOptions.Metrics();
        var dlqTopic = TopicOptions.DeadLetter();
        var command = new Command("ensure", "Create the metrics and dead-letter topics if they are missing (existing topics are left as they are).")
        {
            partitions, replication, retention, dlqRetention, topic, dlqTopic,
        };
        runner.Bind(command, (context, parse, cancellationToken) =>
        {
            var count = parse.GetValue(partitions);
            if (count < 1) throw new OpsException("--partitions must be at least 1.");
            TopicDefinition[] definitions =
            [
                new(parse.GetValue(topic) ?? context.Settings.MetricsTopic, count, parse.GetValue(replication), TimeSpan.FromDays(parse.GetValue(retention))),
                new(parse.GetValue(dlqTopic) ?? context.Settings.DeadLetterTopic, count, parse.GetValue(replication), TimeSpan.FromDays(parse.GetValue(dlqRetention))),
            ];
            return RunAsync(context, definitions, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(OpsContext context, IReadOnlyList<TopicDefinition> definitions, CancellationToken cancellationToken)
    {
        IReadOnlyList<TopicEnsureResult> results;
        try
        {
            results = await new TopicProvisioner(context.Settings.KafkaClientConfig()).EnsureAsync(definitions, cancellationToken);
        }
        catch (TopicProvisioningException exception)
        {
            throw new OpsException($"{exception.Message}. If this is the embedded broker: it cannot create topics through the admin API; " +
                "they are created by 'ingestion-ops dev broker' (./ingest up).", exception);
        }

        var table = new Table();
        table.AddColumns("Topic", "Result", "Partitions", "Note");
        foreach (var result in results)
        {
            table.AddRow(TerminalText.Cell(result.Topic), result.Created ? "[green]created[/]" : "exists",
                result.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), TerminalText.Cell(result.Note ?? ""));
        }
        context.Console.Write(table);
        return 0;
    }
}

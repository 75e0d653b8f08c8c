using System.CommandLine;
using Ingestion.Kafka.Embedded;

namespace Ingestion.Ops.Commands.Dev;

/// <summary>
/// <c>dev broker</c>: hosts the embedded Kafka-protocol broker with the pipeline's topics until SIGTERM/SIGINT.
/// The bootstrap file appears only once the broker and its topics are ready, and disappears on a clean stop.
/// </summary>
internal static class DevBrokerCommand
{
    public static Command Create(CommandRunner runner)
    {
        var bootstrapFile = new Option<FileInfo?>("--bootstrap-file") { Description = "Write the bootstrap address here once the broker is ready." };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of each topic.", DefaultValueFactory = _ => 3 };
        var brokers = new Option<int>("--brokers") { Description = "Brokers in the cluster.", DefaultValueFactory = _ => 1 };
        var topic = TopicOptions.Metrics();
        var dlqTopic = TopicOptions.DeadLetter();
        partitions.Validators.Add(result => RequireAtLeastOne(result, "--partitions"));
        brokers.Validators.Add(result => RequireAtLeastOne(result, "--brokers"));

        var command = new Command("broker", "Run the embedded Kafka-protocol broker (in memory, for development) until stopped.")
        {
            bootstrapFile, partitions, brokers, topic, dlqTopic,
        };
        runner.Bind(command, (context, parse, cancellationToken) => RunAsync(context,
            parse.GetValue(bootstrapFile), parse.GetValue(partitions), parse.GetValue(brokers),
            parse.GetValue(topic) ?? context.Settings.MetricsTopic, parse.GetValue(dlqTopic) ?? context.Settings.DeadLetterTopic,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(OpsContext context, FileInfo? bootstrapFile, int partitions, int brokers,
        string metricsTopic, string deadLetterTopic, CancellationToken cancellationToken)
    {
        using var broker = EmbeddedKafkaBroker.Start(brokers);
        broker.CreateTopic(metricsTopic, partitions, brokers);
        broker.CreateTopic(deadLetterTopic, partitions, brokers);
        if (bootstrapFile is not null)
            WriteAtomically(bootstrapFile.FullName, broker.BootstrapServers);

        await context.Output.WriteLineAsync(broker.BootstrapServers);
        await context.Error.WriteLineAsync(
            $"Embedded Kafka broker ready at {broker.BootstrapServers}: topics {metricsTopic} and {deadLetterTopic} with {partitions} partitions. " +
            "Data lives in memory until this process stops (SIGTERM or Ctrl+C).");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The normal way out: a stop request.
        }
        finally
        {
            if (bootstrapFile is not null)
                File.Delete(bootstrapFile.FullName);
        }
        await context.Error.WriteLineAsync("Embedded Kafka broker stopped.");
        return 0;
    }

    // Readers poll for the file: they must never see it half-written.
    private static void WriteAtomically(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    private static void RequireAtLeastOne(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.GetValueOrDefault<int>() < 1)
            result.AddError($"{name} must be at least 1.");
    }
}

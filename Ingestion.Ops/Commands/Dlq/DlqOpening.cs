using Ingestion.Kafka.Provisioning;
using Ingestion.Ops.DeadLetters;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary>Opens the dead-letter topic with the operator-facing error when it does not exist.</summary>
internal static class DlqOpening
{
    public static System.CommandLine.Option<string?> ReplayGroupOption() =>
        new("--replay-group") { Description = "The consumer group holding the replay position (default Ops:ReplayGroup, metrics_dlq_replay)." };

    public static DeadLetterTopic Open(OpsContext context, string topic, string replayGroup)
    {
        try
        {
            return DeadLetterTopic.Open(context.Settings.KafkaClientConfig(), topic, replayGroup);
        }
        catch (TopicNotFoundException exception)
        {
            throw new OpsException($"The dead-letter topic '{topic}' does not exist on {context.Settings.BootstrapServers}.", exception);
        }
    }
}

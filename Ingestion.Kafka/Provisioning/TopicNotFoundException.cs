namespace Ingestion.Kafka.Provisioning;

/// <summary>The topic does not exist on the cluster.</summary>
public sealed class TopicNotFoundException(string topic)
    : Exception($"Topic '{topic}' does not exist.")
{
    /// <summary>The missing topic.</summary>
    public string Topic { get; } = topic;
}

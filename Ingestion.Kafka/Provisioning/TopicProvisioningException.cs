namespace Ingestion.Kafka.Provisioning;

/// <summary>A topic could not be created (unsupported by the broker, not authorised, invalid settings ...).</summary>
public sealed class TopicProvisioningException(string topic, string reason, Exception? innerException = null)
    : Exception($"Could not create topic '{topic}': {reason}", innerException)
{
    /// <summary>The topic that could not be created.</summary>
    public string Topic { get; } = topic;

    /// <summary>The broker's or client's reason.</summary>
    public string Reason { get; } = reason;
}

namespace Ingestion.Kafka.Producing;

/// <summary>The broker did not acknowledge a produce within the delivery timeout (or rejected it).</summary>
public class KafkaProduceException : Exception
{
    public KafkaProduceException(string message, Exception? innerException = null, IReadOnlyCollection<int>? acknowledgedIndexes = null)
        : base(message, innerException)
    {
        AcknowledgedIndexes = acknowledgedIndexes ?? [];
    }

    /// <summary>For <see cref="ITopicProducer{T}.ProduceMany"/>: the indexes of the messages the broker did acknowledge.</summary>
    public IReadOnlyCollection<int> AcknowledgedIndexes { get; }

    /// <summary>How long a caller should wait before trying again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);
}

namespace Ingestion.Kafka.Producing;

/// <summary>The producer's circuit breaker is open: recent produces failed, so this one was refused without trying.</summary>
public sealed class KafkaUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
    : KafkaProduceException(message, innerException)
{
    /// <summary>When the breaker will let a trial produce through.</summary>
    public new TimeSpan RetryAfter { get; } = retryAfter;
}

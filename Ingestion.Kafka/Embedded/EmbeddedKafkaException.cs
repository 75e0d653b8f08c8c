namespace Ingestion.Kafka.Embedded;

/// <summary>A call into the embedded broker failed; the message carries librdkafka's own error text.</summary>
public sealed class EmbeddedKafkaException(string message) : Exception(message);

namespace Ingestion.Kafka.Native;

/// <summary>librdkafka could not be loaded; the message says what is missing and how to fix it.</summary>
public sealed class KafkaNativeLibraryException(string message) : Exception(message);

namespace Ingestion.Kafka.Consuming;

internal enum FailureKind
{
    Deserialization,
    Validation,
    Transient,
    Permanent,
}

namespace Ingestion.Kafka.Consuming;

internal enum FailureKind
{
    Deserialization,
    Validation,
    /// <summary>Not the record's fault (infrastructure): redelivered on the capped backoff until it goes away.</summary>
    Transient,

    /// <summary>The record's own fault: redelivered up to the non-transient limit, isolated, then dead-lettered.</summary>
    Permanent,
}

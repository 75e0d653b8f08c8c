namespace Ingestion.Contracts;

/// <summary>Kafka header names on records of <see cref="Topics.Metrics"/>. Every header is optional for producers.</summary>
public static class RecordHeaders
{
    /// <summary>How the value is encoded, one of <see cref="RecordContentTypes"/>; raw JSON when absent.</summary>
    public const string ContentType = "content-type";

    /// <summary>A unique id of the record (a GUID as text), for tracing and de-duplication.</summary>
    public const string MessageId = "message-id";
}

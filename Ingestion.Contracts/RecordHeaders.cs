namespace Ingestion.Contracts;

/// <summary>Kafka header names on records of <see cref="Topics.Metrics"/>. Every header is optional for producers.</summary>
public static class RecordHeaders
{
    /// <summary>How the value is encoded, one of <see cref="RecordContentTypes"/>; raw JSON when absent.</summary>
    public const string ContentType = "content-type";

    /// <summary>A unique id of the record (a GUID as text), for tracing and de-duplication.</summary>
    public const string MessageId = "message-id";

    /// <summary>MassTransit's message type URN, <c>urn:message:Ingestion.Contracts:MetricRecorded</c>; informative only.</summary>
    public const string MessageType = "message-type";

    /// <summary>W3C trace context of the producing request, so a trace follows the metric into the worker.</summary>
    public const string TraceParent = "traceparent";
}

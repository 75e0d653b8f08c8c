namespace Ingestion.Kafka.Producing;

/// <summary>Kafka header names the rider writes and reads.</summary>
public static class KafkaHeaderNames
{
    public const string MessageId = "message-id";
    public const string ContentType = "content-type";
    public const string MessageType = "message-type";

    /// <summary>W3C trace context.</summary>
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>Raw JSON, one message per record (our default wire format).</summary>
    public const string RawJsonContentType = "application/json";

    /// <summary>MassTransit's JSON envelope, as the official rider's producers write it.</summary>
    public const string EnvelopeContentType = "application/vnd.masstransit+json";
}

namespace Ingestion.Contracts;

/// <summary>Values of the <see cref="RecordHeaders.ContentType"/> header the worker understands.</summary>
public static class RecordContentTypes
{
    /// <summary>The value is the camelCase JSON of <see cref="MetricRecorded"/> (the default).</summary>
    public const string Json = "application/json";

    /// <summary>The value is a MassTransit JSON envelope whose <c>message</c> is a <see cref="MetricRecorded"/>.</summary>
    public const string MassTransitEnvelope = "application/vnd.masstransit+json";
}

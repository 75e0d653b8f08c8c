namespace Ingestion.Api.Parsing;

/// <summary>One metric as read from a request body, before ids and defaults are applied.</summary>
internal sealed class MetricInput
{
    public string? Name { get; set; }

    public double Value { get; set; }

    public Dictionary<string, string>? Labels { get; set; }

    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The client's idempotency key for this item, when it sent one.</summary>
    public string? Id { get; set; }
}

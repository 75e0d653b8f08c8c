using System.Text.Json.Serialization;

namespace Ingestion.Contracts;

/// <summary>
/// A metric sample was accepted by the pipeline. One record on topic <see cref="Topics.Metrics"/> per sample.
/// </summary>
/// <remarks>
/// The namespace and type name are part of the wire contract (MassTransit matches messages by them): never move this type.
/// On the wire the record is camelCase JSON: <c>{"id","name","value","labels","timestamp","receivedAt"}</c>;
/// only <c>name</c> and <c>value</c> are required, so producers in any language can write it.
/// </remarks>
public sealed record MetricRecorded
{
    /// <summary>The metric id (UUIDv7 assigned at acceptance, or derived from an idempotency key). Null when a plain producer omitted it.</summary>
    public Guid? Id { get; init; }

    /// <summary>The metric name, for example <c>cpu_usage</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The sample value; must be finite. Required on the wire: a record without it is refused, never read as 0.</summary>
    [JsonRequired]
    public double Value { get; init; }

    /// <summary>When the sample was taken. Null means the time of receipt.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Label pairs identifying the series, for example <c>host=server-01</c>.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>When the pipeline accepted the sample (set by the API).</summary>
    public DateTimeOffset? ReceivedAt { get; init; }
}

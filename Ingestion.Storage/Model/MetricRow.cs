namespace Ingestion.Storage.Model;

/// <summary>One persisted metric sample: a row of table <c>metrics</c>.</summary>
public sealed class MetricRow
{
    /// <summary>The metric id: assigned at acceptance, supplied by the client, or derived from topic, partition and offset.</summary>
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public double Value { get; set; }

    /// <summary>When the sample was taken (UTC).</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Label pairs, stored as a <c>jsonb</c> object (empty object when the metric had none).</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>When the pipeline accepted the sample.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the row was written (database clock).</summary>
    public DateTimeOffset IngestedAt { get; set; }
}

namespace Ingestion.Storage.Model;

/// <summary>
/// One persisted metric sample: a row of table <c>metrics</c>. Its name and labels are those of its series (table
/// <c>series</c>, see Ingestion.Storage/README.md); view <c>metrics_with_series</c> shows the two joined.
/// </summary>
public sealed class MetricRow
{
    /// <summary>The metric id: assigned at acceptance, supplied by the client, or derived from topic, partition and offset.</summary>
    public Guid Id { get; set; }

    /// <summary>The id of the row's series (name plus labels) in table <c>series</c>.</summary>
    public int SeriesId { get; set; }

    public double Value { get; set; }

    /// <summary>When the sample was taken (UTC).</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>When the pipeline accepted the sample.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>When the row was written (database clock).</summary>
    public DateTimeOffset IngestedAt { get; set; }
}

namespace Ingestion.Api.Admission;

/// <summary>
/// What a backlog of records occupies on the broker, estimated from above: each record at the average size of what this API
/// produced, plus the header of a record batch of its own (61 bytes in Kafka's format v2) and the record's framing, as if
/// every record had been stored alone and uncompressed. Batched and compressed records take less, so admission control
/// refuses early rather than late.
/// </summary>
internal static class BacklogEstimate
{
    /// <summary>A record batch's header plus a record's own length, attributes, deltas and header count, at most.</summary>
    public const int StoredOverheadPerRecord = 80;

    /// <summary>The estimated stored bytes of <paramref name="records"/>; 0 while the average record size is unknown.</summary>
    public static long StoredBytes(long records, double? averageRecordBytes) =>
        averageRecordBytes is { } average ? (long)Math.Ceiling(records * (average + StoredOverheadPerRecord)) : 0;
}

using Ingestion.Ops.DeadLetters;

namespace Ingestion.Ops.Commands.Dlq;

/// <summary>One <c>dlq list --json</c> line (snake_case, like the DLQ record itself).</summary>
internal sealed record DlqListLine(
    int DlqPartition,
    long DlqOffset,
    DateTimeOffset DlqTimestamp,
    string? Reason,
    string? Error,
    string? ErrorType,
    string? MetricName,
    string? OriginalKey,
    string? OriginalTopic,
    int? OriginalPartition,
    long? OriginalOffset,
    int? ReplayCount,
    string? MessageId,
    string ReplayState)
{
    public static DlqListLine From(DeadLetterEntry entry, IReadOnlyList<PartitionRange> ranges)
    {
        var record = entry.Record;
        var position = ranges.FirstOrDefault(range => range.Partition == entry.Partition)?.ReplayPosition;
        // "handled": the replay group's position is past it (replayed, skipped or not selected by an earlier replay).
        var state = position is { } next && entry.Offset < next ? "handled" : "pending";
        return new DlqListLine(entry.Partition, entry.Offset, entry.DeadLetteredAt, record?.Reason, record?.Error ?? entry.ReadError,
            record?.ErrorType, entry.MetricName, KeyText(entry), record?.OriginalTopic, record?.Partition, record?.Offset, record?.ReplayCount,
            record?.MessageId, state);
    }

    /// <summary>The original record key as text (operators search by key: the series), or null when it had none.</summary>
    private static string? KeyText(DeadLetterEntry entry) =>
        entry.OriginalKey() is { } key ? System.Text.Encoding.UTF8.GetString(key) : null;
}

using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Storage.Writing;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// The id of an id-less metric replayed from the DLQ: derived from the DLQ record it came from (header
/// <see cref="DeadLetterHeaders.ReplayedFrom"/>, <c>topic:partition:offset</c>) together with the replayed key and value
/// (the original's), not from the offset or timestamp the copy landed at, so the same DLQ record replayed twice (the
/// replay's crash window) is still one row, and a different DLQ record at a reused offset is not.
/// </summary>
public static class ReplayedMetricId
{
    public static Guid? From(Headers? headers, byte[]? key, byte[] value)
    {
        if (headers is null || !headers.TryGetLastBytes(DeadLetterHeaders.ReplayedFrom, out var bytes))
            return null;
        var text = Encoding.UTF8.GetString(bytes);
        var offsetAt = text.LastIndexOf(':');
        var partitionAt = offsetAt > 0 ? text.LastIndexOf(':', offsetAt - 1) : -1;
        if (partitionAt <= 0
            || !int.TryParse(text.AsSpan(partitionAt + 1, offsetAt - partitionAt - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(text.AsSpan(offsetAt + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return null;
        return DeterministicMetricId.For(text[..partitionAt], partition, offset, timestampMs: 0, key, value, hasKey: key is not null);
    }
}

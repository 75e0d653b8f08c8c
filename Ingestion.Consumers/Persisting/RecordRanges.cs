using System.Text;

namespace Ingestion.Consumers.Persisting;

/// <summary>
/// Where a batch's metrics came from, for a log line: <c>topic[partition]@first..last</c> per partition, in batch order
/// (a batch may combine several partitions' windows, each in offset order).
/// </summary>
internal static class RecordRanges
{
    public static string Describe(IReadOnlyList<IncomingMetric> batch)
    {
        if (batch.Count == 0) return "nothing";
        var text = new StringBuilder();
        var start = 0;
        for (var i = 1; i <= batch.Count; i++)
        {
            if (i < batch.Count && batch[i].Partition == batch[start].Partition && batch[i].Topic == batch[start].Topic) continue;
            if (text.Length > 0) text.Append(", ");
            text.Append(batch[start].Topic).Append('[').Append(batch[start].Partition).Append("]@").Append(batch[start].Offset);
            if (i - 1 > start) text.Append("..").Append(batch[i - 1].Offset);
            start = i;
        }
        return text.ToString();
    }
}

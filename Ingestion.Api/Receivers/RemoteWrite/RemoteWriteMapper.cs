using Ingestion.Api.Receivers.RemoteWrite.Protocol;

namespace Ingestion.Api.Receivers.RemoteWrite;

/// <summary>
/// Turns a remote-write request into samples: one per sample, named by <c>__name__</c>, labelled with the series' other
/// labels (empty values are absent labels, as in Prometheus). Staleness markers are dropped.
/// </summary>
internal static class RemoteWriteMapper
{
    /// <summary>Prometheus's staleness marker: a NaN with this exact bit pattern, sent when a series disappears.</summary>
    public const ulong StaleNaNBits = 0x7ff0000000000002;

    public static void Map(WriteRequest request, ReceivedSamples samples, int maxLabels)
    {
        foreach (var series in request.Timeseries)
        {
            if (series.Samples.Count == 0)
                continue;
            if (Labels(series, maxLabels, out var name, out var error) is not { } labels)
            {
                foreach (var _ in series.Samples)
                    samples.Reject(error);
                continue;
            }
            foreach (var sample in series.Samples)
            {
                if (BitConverter.DoubleToUInt64Bits(sample.Value) == StaleNaNBits)
                {
                    samples.Drop();
                    continue;
                }
                var nanos = sample.Timestamp is > 0 and < long.MaxValue / 1_000_000 ? sample.Timestamp * 1_000_000 : -1;
                samples.Add(name, sample.Value, labels, nanos);
                if (samples.OverLimit)
                    return;
            }
        }
    }

    private static Dictionary<string, string>? Labels(TimeSeries series, int maxLabels, out string name, out string error)
    {
        name = string.Empty;
        error = string.Empty;
        if (series.Labels.Count > maxLabels)
        {
            error = $"a series has {series.Labels.Count} labels; at most {maxLabels} are accepted.";
            return null;
        }
        var labels = new Dictionary<string, string>(series.Labels.Count, StringComparer.Ordinal);
        foreach (var label in series.Labels)
        {
            if (label.Name == "__name__")
            {
                name = label.Value;
                continue;
            }
            if (label.Value.Length == 0)
                continue;
            if (!labels.TryAdd(label.Name, label.Value))
            {
                error = $"a series repeats the label {label.Name}.";
                return null;
            }
        }
        if (name.Length == 0)
        {
            error = "a series has no __name__ label.";
            return null;
        }
        return labels;
    }
}

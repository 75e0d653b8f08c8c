using Ingestion.Api.Receivers.KnownSeries;
using Ingestion.Api.Receivers.Protobuf;

namespace Ingestion.Api.Receivers.RemoteWrite;

/// <summary>
/// The labels of a remote-write series (<see cref="RemoteWriteReader"/>'s rules: <c>__name__</c> names it, empty values are
/// absent labels, a repeated label refuses it), found again in <see cref="SeriesCache"/> by the bytes its labels arrived as:
/// Prometheus sends the same series every scrape, so they are decoded, sorted and hashed once, not once per sample.
/// </summary>
internal static class RemoteWriteSeries
{
    // What besides a series' label bytes decides its labels: nothing (the reader checks the label limit before asking).
    private const string CacheContext = "remote_write";
    private static readonly long CacheSeed = SeriesCache.Seed(CacheContext);

    [ThreadStatic]
    private static KeyValuePair<string, string>[]? labelBuffer;

    /// <summary>The series' labels: shared from <see cref="SeriesCache"/> when its label bytes were seen before, else decoded (and remembered).</summary>
    public static SeriesLabels? Find(ReadOnlySpan<byte> series, ReadOnlySpan<byte> labelBytes, bool cacheable, int labelCount, out string error)
    {
        error = string.Empty;
        ulong hash = 0;
        if (cacheable && SeriesCache.Shared.Find(CacheContext, CacheSeed, labelBytes, out hash) is { } known)
            return known;
        var buffer = labelBuffer is { } cached && cached.Length >= labelCount ? cached : labelBuffer = new KeyValuePair<string, string>[Math.Max(labelCount, 64)];
        var n = 0;
        try
        {
            var reader = new WireReader(series);
            while (!reader.End)
            {
                reader.TryReadTag(out var field, out var wireType);
                if (field == RemoteWriteReader.LabelsField && wireType == WireReader.LengthDelimited)
                {
                    reader.TryReadLengthDelimited(out var label);
                    RemoteWriteReader.Label(label, decode: true, out var name, out var value);
                    buffer[n++] = new(name, value);
                }
                else
                {
                    reader.TrySkip(field, wireType, depth: 1);
                }
            }
            var labels = Labels(buffer, n, out error);
            if (labels is not null && cacheable)
                SeriesCache.Shared.Store(hash, CacheContext, labelBytes, labels);
            return labels;
        }
        finally
        {
            Array.Clear(buffer, 0, n);
        }
    }

    /// <summary>The series' labels without <c>__name__</c> and empty values, sealed with its name; null (and why) when the series is refused.</summary>
    private static SeriesLabels? Labels(KeyValuePair<string, string>[] buffer, int count, out string error)
    {
        var name = string.Empty;
        error = string.Empty;
        var labels = new SeriesLabels(count);
        for (var i = 0; i < count; i++)
        {
            var (key, value) = buffer[i];
            if (key == "__name__")
            {
                name = value;
                continue;
            }
            if (value.Length == 0)
                continue;
            if (!labels.TryAdd(key, value))
            {
                error = $"a series repeats the label {key}.";
                return null;
            }
        }
        if (name.Length == 0)
        {
            error = "a series has no __name__ label.";
            return null;
        }
        return labels.Seal(name);
    }
}

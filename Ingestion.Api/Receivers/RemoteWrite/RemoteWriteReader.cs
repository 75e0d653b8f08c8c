using System.Text.Unicode;
using Ingestion.Api.Parsing;
using Ingestion.Api.Receivers.KnownSeries;
using Ingestion.Api.Receivers.Protobuf;

namespace Ingestion.Api.Receivers.RemoteWrite;

/// <summary>
/// Turns a remote-write <c>WriteRequest</c> (remote_write.proto) into samples: one per sample, named by <c>__name__</c>,
/// labelled with the series' other labels (empty values are absent labels, as in Prometheus); staleness markers are dropped.
/// Read straight from the bytes: no message objects per series, label and sample; a series seen before (Prometheus resends
/// the same few thousand series every few seconds) is found again by its label bytes with its labels, key and id input
/// (<see cref="RemoteWriteSeries"/>), and label names and values are shared strings (<see cref="SharedStrings"/>).
/// The generated types stay the definition of the format (tests and the benchmark write bodies with them); this reader
/// follows them field by field, skips unknown fields as they do, and refuses what their parser refuses.
/// </summary>
internal static class RemoteWriteReader
{
    /// <summary>Prometheus's staleness marker: a NaN with this exact bit pattern, sent when a series disappears.</summary>
    public const ulong StaleNaNBits = 0x7ff0000000000002;

    // WriteRequest.timeseries = 1; TimeSeries.labels = 1, samples = 2; Label.name = 1, value = 2; Sample.value = 1, timestamp = 2.
    internal const int TimeseriesField = 1, LabelsField = 1, SamplesField = 2, NameField = 1, ValueField = 2;
    private const int SampleValueField = 1, TimestampField = 2;

    /// <summary>Maps every sample of <paramref name="body"/>; false (nothing usable) when the body is not a valid WriteRequest.</summary>
    public static bool TryMap(ReadOnlySpan<byte> body, ReceivedSamples samples, int maxLabels)
    {
        // One pass that only checks the structure first: a malformed body is refused whole (400) however far the mapping got.
        if (!Walk(body, samples: null, maxLabels))
            return false;
        return Walk(body, samples, maxLabels);
    }

    private static bool Walk(ReadOnlySpan<byte> body, ReceivedSamples? samples, int maxLabels)
    {
        var reader = new WireReader(body);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
                return false;
            if (field == TimeseriesField && wireType == WireReader.LengthDelimited)
            {
                if (!reader.TryReadLengthDelimited(out var series) || !Series(series, samples, maxLabels))
                    return false;
                if (samples is { OverLimit: true })
                    return true;
            }
            else if (!reader.TrySkip(field, wireType, depth: 0))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Series(ReadOnlySpan<byte> series, ReceivedSamples? samples, int maxLabels)
    {
        var labelCount = 0;
        var sampleCount = 0;
        // The labels' bytes, when every label comes before any other field (as every encoder writes them): the series' cache key.
        var labelsEnd = 0;
        var labelsFirst = true;
        var otherSeen = false;
        var reader = new WireReader(series);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
                return false;
            if (field == LabelsField && wireType == WireReader.LengthDelimited)
            {
                // The structure pass checks each label; the mapping pass (after it) decodes them only for a series it has not seen.
                if (!reader.TryReadLengthDelimited(out var label) || (samples is null && !Label(label, decode: false, out _, out _)))
                    return false;
                labelCount++;
                labelsFirst &= !otherSeen;
                labelsEnd = reader.Position;
            }
            else if (field == SamplesField && wireType == WireReader.LengthDelimited)
            {
                if (!reader.TryReadLengthDelimited(out var sample) || (samples is null && !Sample(sample, out _, out _)))
                    return false;
                sampleCount++;
                otherSeen = true;
            }
            else if (!reader.TrySkip(field, wireType, depth: 1))
            {
                return false;
            }
            else
            {
                otherSeen = true;
            }
        }
        if (samples is null || sampleCount == 0)
            return true;
        if (labelCount > maxLabels)
        {
            for (var i = 0; i < sampleCount; i++)
                samples.Reject($"a series has {labelCount} labels; at most {maxLabels} are accepted.");
            return true;
        }
        var labels = RemoteWriteSeries.Find(series, labelsFirst ? series[..labelsEnd] : default, labelsFirst, labelCount, out var error);
        AddSamples(series, samples, labels, error, sampleCount);
        return true;
    }

    private static void AddSamples(ReadOnlySpan<byte> series, ReceivedSamples samples, SeriesLabels? labels, string error, int count)
    {
        if (labels is null)
        {
            for (var i = 0; i < count; i++)
                samples.Reject(error);
            return;
        }
        var reader = new WireReader(series);
        while (!reader.End && !samples.OverLimit)
        {
            reader.TryReadTag(out var field, out var wireType);
            if (field == SamplesField && wireType == WireReader.LengthDelimited)
            {
                reader.TryReadLengthDelimited(out var sample);
                Sample(sample, out var value, out var timestamp);
                if (BitConverter.DoubleToUInt64Bits(value) == StaleNaNBits)
                {
                    samples.Drop();
                    continue;
                }
                samples.Add(labels, value, Nanos(timestamp));
            }
            else
            {
                reader.TrySkip(field, wireType);
            }
        }
    }

    /// <summary>Reads a <c>Label</c>; false when it is malformed (or a string is not UTF-8). Decodes name and value only when asked.</summary>
    internal static bool Label(ReadOnlySpan<byte> label, bool decode, out string name, out string value)
    {
        name = value = string.Empty;
        var reader = new WireReader(label);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
                return false;
            if (field is NameField or ValueField && wireType == WireReader.LengthDelimited)
            {
                // A string field: the generated parser refuses one that is not valid UTF-8.
                if (!reader.TryReadLengthDelimited(out var text) || !Utf8.IsValid(text))
                    return false;
                if (!decode)
                    continue;
                if (field == NameField)
                    name = SharedStrings.Get(text);
                else
                    value = SharedStrings.Get(text);
            }
            else if (!reader.TrySkip(field, wireType, depth: 2))
            {
                return false;
            }
        }
        return true;
    }

    private static bool Sample(ReadOnlySpan<byte> sample, out double value, out long timestamp)
    {
        value = 0;
        timestamp = 0;
        var reader = new WireReader(sample);
        while (!reader.End)
        {
            if (!reader.TryReadTag(out var field, out var wireType))
                return false;
            if (field == SampleValueField && wireType == WireReader.Fixed64)
            {
                if (!reader.TryReadFixed64(out var bits))
                    return false;
                value = BitConverter.UInt64BitsToDouble(bits);
            }
            else if (field == TimestampField && wireType == WireReader.Varint)
            {
                if (!reader.TryReadVarint(out var raw))
                    return false;
                timestamp = (long)raw;
            }
            else if (!reader.TrySkip(field, wireType, depth: 2))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Milliseconds since the epoch as nanoseconds; -1 (refused by validation) when not positive or out of range.</summary>
    private static long Nanos(long milliseconds) => milliseconds is > 0 and < long.MaxValue / 1_000_000 ? milliseconds * 1_000_000 : -1;
}

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace Ingestion.Api.Receivers;

/// <summary>
/// Ids of points that arrive through OTLP or remote write: derived from the series (name and labels, sorted by key) and
/// the point's time in nanoseconds, so a resent request lands on the rows its first delivery created.
/// </summary>
/// <remarks>
/// The input is <c>series-point:</c>, then the name and each label key and value (ordinal key order), each as a 4-byte
/// big-endian UTF-8 length and its bytes, so no choice of names or values can make two series hash the same input, then
/// the time as 8 bytes big-endian. The id is that input's XXH128 (a fast, non-cryptographic 128-bit hash: ids only need to
/// be repeatable and not to collide by accident; nobody gains by forging one, since a client can pick any id through the
/// JSON endpoints anyway) as an RFC 9562 version 8 UUID.
/// </remarks>
internal static class PointIds
{
    private static readonly byte[] Domain = "series-point:"u8.ToArray();
    private static readonly Comparer<KeyValuePair<string, string>> ByKey =
        Comparer<KeyValuePair<string, string>>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key));

    [ThreadStatic]
    private static KeyValuePair<string, string>[]? sortBuffer;

    [ThreadStatic]
    private static byte[]? inputBuffer;

    public static Guid For(string name, IReadOnlyDictionary<string, string> labels, long unixNanos)
    {
        var rented = ArrayPool<byte>.Shared.Rent(MeasureSeries(name, labels) + 8);
        try
        {
            var at = WriteSeries(name, labels, rented);
            return For(rented.AsSpan(0, at), unixNanos);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The id input of a series without the point's time, to derive each point's id with <see cref="For(ReadOnlySpan{byte}, long)"/>
    /// (<see cref="KnownSeries.SeriesLabels"/> keeps it, so a series' labels are sorted and encoded once, not per point).
    /// </summary>
    public static byte[] SeriesInput(string name, IReadOnlyDictionary<string, string> labels)
    {
        var rented = ArrayPool<byte>.Shared.Rent(MeasureSeries(name, labels));
        try
        {
            return rented.AsSpan(0, WriteSeries(name, labels, rented)).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The id of the point at <paramref name="unixNanos"/> of the series whose <see cref="SeriesInput"/> is <paramref name="seriesInput"/>.</summary>
    public static Guid For(ReadOnlySpan<byte> seriesInput, long unixNanos)
    {
        var length = seriesInput.Length + 8;
        // A buffer of the thread's own (a stackalloc would be cleared on every call).
        var input = inputBuffer is { } cached && cached.Length >= length ? cached : inputBuffer = new byte[Math.Max(length, 512)];
        seriesInput.CopyTo(input);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(seriesInput.Length), unixNanos);
        return FromHash(XxHash128.HashToUInt128(input.AsSpan(0, length)));
    }

    private static int MeasureSeries(string name, IReadOnlyDictionary<string, string> labels)
    {
        var size = Domain.Length + Measure(name);
        foreach (var pair in labels)
            size += Measure(pair.Key) + Measure(pair.Value);
        return size;
    }

    /// <summary>Writes the domain, the name and the labels sorted by key into <paramref name="destination"/>; returns the bytes written.</summary>
    private static int WriteSeries(string name, IReadOnlyDictionary<string, string> labels, Span<byte> destination)
    {
        var count = labels.Count;
        var sorted = sortBuffer is { } cached && cached.Length >= count ? cached : sortBuffer = new KeyValuePair<string, string>[Math.Max(count, 64)];
        var n = 0;
        foreach (var pair in labels)
            sorted[n++] = pair;
        try
        {
            Array.Sort(sorted, 0, n, ByKey);
            Domain.CopyTo(destination);
            var at = Domain.Length;
            at += Write(name, destination[at..]);
            for (var i = 0; i < n; i++)
            {
                at += Write(sorted[i].Key, destination[at..]);
                at += Write(sorted[i].Value, destination[at..]);
            }
            return at;
        }
        finally
        {
            Array.Clear(sorted, 0, n);
        }
    }

    private static Guid FromHash(UInt128 hash)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, hash);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static int Measure(string text) => 4 + Encoding.UTF8.GetMaxByteCount(text.Length);

    private static int Write(string text, Span<byte> destination)
    {
        var written = Encoding.UTF8.GetBytes(text, destination[4..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, written);
        return 4 + written;
    }
}

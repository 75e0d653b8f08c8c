using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Api.Receivers;

/// <summary>
/// Ids of points that arrive through OTLP or remote write: derived from the series (name and labels, sorted by key) and
/// the point's time in nanoseconds, so a resent request lands on the rows its first delivery created.
/// </summary>
/// <remarks>
/// Each part is length-prefixed, so no choice of names or values can make two series hash the same input.
/// The id is the hash's first 16 bytes as an RFC 9562 version 8 UUID, like the ids derived from idempotency keys.
/// </remarks>
internal static class PointIds
{
    private static readonly byte[] Domain = "series-point:"u8.ToArray();

    [ThreadStatic]
    private static string[]? sortedKeys;

    public static Guid For(string name, IReadOnlyDictionary<string, string> labels, long unixNanos)
    {
        var keys = SortedKeys(labels);
        var size = Domain.Length + 8 + Measure(name);
        for (var i = 0; i < labels.Count; i++)
            size += Measure(keys[i]) + Measure(labels[keys[i]]);

        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var span = rented.AsSpan();
            Domain.CopyTo(span);
            var at = Domain.Length;
            at += Write(name, span[at..]);
            for (var i = 0; i < labels.Count; i++)
            {
                at += Write(keys[i], span[at..]);
                at += Write(labels[keys[i]], span[at..]);
            }
            BinaryPrimitives.WriteInt64BigEndian(span[at..], unixNanos);
            at += 8;
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(span[..at], hash);
            hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            return new Guid(hash[..16], bigEndian: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
            Array.Clear(keys, 0, labels.Count);
        }
    }

    private static string[] SortedKeys(IReadOnlyDictionary<string, string> labels)
    {
        var keys = sortedKeys is { } cached && cached.Length >= labels.Count ? cached : sortedKeys = new string[Math.Max(labels.Count, 64)];
        var n = 0;
        foreach (var key in labels.Keys)
            keys[n++] = key;
        Array.Sort(keys, 0, n, StringComparer.Ordinal);
        return keys;
    }

    private static int Measure(string text) => 4 + Encoding.UTF8.GetMaxByteCount(text.Length);

    private static int Write(string text, Span<byte> destination)
    {
        var written = Encoding.UTF8.GetBytes(text, destination[4..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, written);
        return 4 + written;
    }
}

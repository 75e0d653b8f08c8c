using System.Buffers.Binary;
using System.Buffers.Text;

namespace Ingestion.Storage.Queries;

/// <summary>
/// Keyset position for newest-first paging: the last row's (timestamp, id). Clients see it as an opaque base64url token.
/// </summary>
public sealed record MetricCursor(DateTimeOffset Timestamp, Guid Id)
{
    private const int Size = 8 + 16;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Size];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Timestamp.UtcTicks);
        Id.TryWriteBytes(bytes[8..], bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string? token, out MetricCursor? cursor)
    {
        cursor = null;
        // IsValid first: TryDecodeFromChars throws (rather than returning false) on characters outside the alphabet.
        if (string.IsNullOrEmpty(token) || token.Length > 64 || !Base64Url.IsValid(token))
            return false;
        Span<byte> bytes = stackalloc byte[48];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != Size)
            return false;
        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            return false;
        cursor = new MetricCursor(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[8..Size], bigEndian: true));
        return true;
    }
}

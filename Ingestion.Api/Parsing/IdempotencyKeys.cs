using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Api.Parsing;

/// <summary>
/// Metric ids: UUIDv7 for new metrics; for a client's idempotency key, the same key always gives the same id
/// (a key that is a GUID is that id; any other key is hashed), so a retried request never creates a second row.
/// When API keys are configured, the key is hashed together with the caller's scope (see <c>ApiKeyScopes</c>), GUIDs too:
/// one client's key can never name another client's metric.
/// </summary>
internal static class IdempotencyKeys
{
    public const int MaxLength = 200;

    public const string Rule = "an idempotency key is a string of 1 to 200 printable ASCII characters.";

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
            return false;
        foreach (var c in key)
        {
            if (c is < ' ' or > '~')
                return false;
        }
        return true;
    }

    public static Guid NewId(DateTimeOffset now) => Version7Ids.New(now);

    public static Guid IdFor(string key)
    {
        if (Guid.TryParse(key, out var id))
            return id;
        Span<byte> input = stackalloc byte[MaxLength + 16];
        var length = Encoding.ASCII.GetBytes("metric-id:", input);
        length += Encoding.ASCII.GetBytes(key, input[length..]);
        return HashedId(input[..length]);
    }

    /// <summary>The id for <paramref name="key"/> within a caller's <paramref name="scope"/> (32 bytes); unscoped when null.</summary>
    public static Guid IdFor(string key, byte[]? scope)
    {
        if (scope is null)
            return IdFor(key);
        Span<byte> input = stackalloc byte[MaxLength + 64];
        var length = Encoding.ASCII.GetBytes("metric-id@", input);
        scope.CopyTo(input[length..]);
        length += scope.Length;
        input[length++] = (byte)':';
        length += Encoding.ASCII.GetBytes(key, input[length..]);
        return HashedId(input[..length]);
    }

    private static Guid HashedId(ReadOnlySpan<byte> input)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        // RFC 9562 version 8 (custom) with the RFC variant, so hashed ids are never mistaken for v7 ones.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}

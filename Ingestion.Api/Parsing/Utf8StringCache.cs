using System.Text;

namespace Ingestion.Api.Parsing;

/// <summary>
/// Metric names and label keys and values repeat across requests (a few thousand series); returning the same string
/// instance for the same short ASCII bytes saves an allocation per field. Lossy and lock-free: a slot holds the last
/// string hashed to it, and a miss simply allocates.
/// </summary>
internal static class Utf8StringCache
{
    private const int MaxLength = 64;
    private static readonly string?[] Slots = new string?[8192];

    /// <summary>Why <see cref="TryGetString"/> failed, for the problem detail.</summary>
    public const string InvalidEscape = "must not hold an unpaired UTF-16 surrogate escape (such as \\ud800 alone): that is not text.";

    /// <summary>
    /// The current string token (or property name) of <paramref name="reader"/>, shared when cached; false when its escapes
    /// decode to an unpaired surrogate (the reader throws for those; the body's bytes were checked as UTF-8 before).
    /// </summary>
    public static bool TryGetString(ref System.Text.Json.Utf8JsonReader reader, out string value)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            value = Get(reader.ValueSpan);
            return true;
        }
        try
        {
            value = reader.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            value = string.Empty;
            return false;
        }
    }

    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
            return Encoding.UTF8.GetString(utf8);
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (Slots.Length - 1);
        var cached = Volatile.Read(ref Slots[slot]);
        if (cached is not null && System.Text.Ascii.Equals(utf8, cached))
            return cached;
        var text = Encoding.UTF8.GetString(utf8);
        if (System.Text.Ascii.IsValid(utf8))
            Volatile.Write(ref Slots[slot], text);
        return text;
    }
}

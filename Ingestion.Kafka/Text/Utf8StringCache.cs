using System.Text;

namespace Ingestion.Kafka.Text;

/// <summary>
/// Hands out one string instance per short ASCII text seen recently (metric names, label keys and values repeat from record
/// to record), so a window's records share them instead of each holding copies that live until the window is written and
/// so survive a garbage collection. Fixed size, one slot per hash: a new text replaces the one in its slot, memory never
/// grows, and a text that misses costs what it cost before (one string). Safe for concurrent readers and writers (a slot is
/// one reference, read and written whole). The rider reads record values through <see cref="Shared"/>; the API keeps an
/// instance of its own for request bodies.
/// </summary>
public sealed class Utf8StringCache
{
    /// <summary>Longer texts are rarely repeated (ids, messages) and are decoded as they are.</summary>
    public const int MaxLength = 64;

    private readonly string?[] slots;

    public Utf8StringCache(int size = 4096)
    {
        if (size <= 0 || (size & (size - 1)) != 0) throw new ArgumentOutOfRangeException(nameof(size), size, "The size must be a power of two.");
        slots = new string?[size];
    }

    public static Utf8StringCache Shared { get; } = new();

    /// <summary>The text of <paramref name="utf8"/>: a cached instance when the same ASCII text is in its slot.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return string.Empty;
        if (utf8.Length > MaxLength || !Ascii.IsValid(utf8)) return Encoding.UTF8.GetString(utf8);
        var hash = new HashCode();
        hash.AddBytes(utf8);
        var slot = hash.ToHashCode() & (slots.Length - 1);
        if (slots[slot] is { } cached && Ascii.Equals(utf8, cached)) return cached;
        var text = Encoding.ASCII.GetString(utf8);
        slots[slot] = text;
        return text;
    }
}

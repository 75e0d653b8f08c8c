using Ingestion.Kafka.Text;

namespace Ingestion.Api.Parsing;

/// <summary>
/// Metric names and label keys and values repeat across requests (a few thousand series); the API reads them through one
/// <see cref="Utf8StringCache"/> of its own (the rider's, lossy and lock-free), so the same short ASCII bytes give the
/// same string instance instead of an allocation per field.
/// </summary>
internal static class SharedStrings
{
    private static readonly Utf8StringCache Cache = new(8192);

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

    public static string Get(ReadOnlySpan<byte> utf8) => Cache.Get(utf8);
}

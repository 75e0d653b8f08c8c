using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// The original value as a dead-letter record keeps it: once, as parsed JSON, as text, or as base64 for bytes that are not
/// UTF-8, whole or (when it does not fit) as a prefix.
/// </summary>
internal sealed class DeadLetterOriginal
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // Deeper JSON is kept as text: nested inside the record it would pass the depth readers accept (64 by default).
    private static readonly JsonDocumentOptions Parsing = new() { MaxDepth = 32 };

    private readonly byte[] value;
    private readonly string? text;

    public DeadLetterOriginal(byte[] value)
    {
        this.value = value;
        text = TryDecode(value);
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(value));
    }

    public long Size => value.Length;

    public string Sha256 { get; }

    /// <summary>The record with the whole original in its one field.</summary>
    public DeadLetterRecord Whole(DeadLetterRecord record)
    {
        if (text is null)
            return record with { OriginalMessageBase64 = Convert.ToBase64String(value) };
        return record with { OriginalMessage = ParsedOrText() };
    }

    /// <summary>The record with a prefix of the original that leaves about <paramref name="room"/> bytes for it.</summary>
    /// <param name="record">The record without the original.</param>
    /// <param name="room">Bytes the serialised original may take (JSON escaping included).</param>
    /// <param name="shrink">How many times the caller already found the previous prefix too long (each try takes less).</param>
    public DeadLetterRecord Prefix(DeadLetterRecord record, int room, int shrink)
    {
        room = Math.Max(0, (int)(room * Math.Pow(0.9, shrink)));
        if (text is null)
        {
            // Base64 takes 4 characters per 3 bytes and is never escaped: the prefix is exact.
            var bytes = Math.Min(value.Length, room / 4 * 3);
            return record with { OriginalTruncated = true, OriginalMessageBase64 = Convert.ToBase64String(value, 0, bytes) };
        }
        // At least one byte per character; JSON escaping may need more, which the caller's size check catches.
        var characters = Math.Min(text.Length, room);
        var escaped = 0;
        var end = 0;
        while (end < characters && escaped + EscapedLength(text[end]) <= room)
            escaped += EscapedLength(text[end++]);
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
            end--;
        return record with { OriginalTruncated = true, OriginalMessage = JsonSerializer.SerializeToElement(text[..end]) };
    }

    /// <summary>UTF-8 text, or null for bytes that are not.</summary>
    public static string? TryDecode(byte[] bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private JsonElement ParsedOrText()
    {
        try
        {
            using var document = JsonDocument.Parse(value, Parsing);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    // Bytes one character takes in the record's JSON (DeadLetterJson's relaxed encoder): controls as \uXXXX, quote and
    // backslash as two, the rest as UTF-8 (a surrogate pair counts two halves of 2, i.e. the pair's 4 bytes).
    private static int EscapedLength(char c) => c switch
    {
        < ' ' or (>= '\u007f' and <= '\u009f') => 6,
        '"' or '\\' => 2,
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ when char.IsSurrogate(c) => 2,
        _ => 6,
    };
}

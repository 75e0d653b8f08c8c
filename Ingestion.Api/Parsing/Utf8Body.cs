using System.Text.Unicode;

namespace Ingestion.Api.Parsing;

/// <summary>
/// What a body must be before it is parsed as JSON: UTF-8 (RFC 8259), checked once for the whole body with a vectorised
/// scan, because the JSON reader leaves string contents unchecked and decoding would store U+FFFD silently.
/// </summary>
internal static class Utf8Body
{
    /// <summary>The body without a leading UTF-8 byte order mark, which RFC 8259 lets a parser ignore.</summary>
    public static ReadOnlySpan<byte> WithoutByteOrderMark(ReadOnlySpan<byte> body) =>
        body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;

    /// <summary>Adds a <c>$</c> error naming the first byte that is not UTF-8 and returns false; true for a valid body.</summary>
    public static bool Check(ReadOnlySpan<byte> body, FieldErrors errors)
    {
        if (Utf8.IsValid(body))
            return true;
        errors.Add("$", $"the body is not valid UTF-8 (byte {FirstInvalidByte(body) + 1}); send JSON encoded as UTF-8.");
        return false;
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length)
        {
            var ascii = body[offset..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0)
                break;
            offset += ascii;
            if (System.Text.Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
                return offset;
            offset += consumed;
        }
        return offset;
    }
}

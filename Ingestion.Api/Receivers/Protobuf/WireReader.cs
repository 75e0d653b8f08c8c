using System.Buffers.Binary;

namespace Ingestion.Api.Receivers.Protobuf;

/// <summary>
/// The protobuf wire format (varints, fixed-size values, length-delimited fields, groups) read from a span, without
/// building messages. Every read checks the bounds; a malformed or truncated input makes it return false. It accepts and
/// refuses what Google.Protobuf's generated parsers do: tags and lengths are 32-bit varints of up to ten bytes (the upper
/// bits dropped), a negative length is refused, nesting (messages and skipped groups together) stops at
/// <see cref="RecursionLimit"/>, and with <paramref name="discardUnknownFields"/> the two undefined wire types 6 and 7 are
/// skipped as empty, as <c>WithDiscardUnknownFields(true)</c> does (without it they are refused).
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> data, bool discardUnknownFields = false)
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5;

    /// <summary>Google.Protobuf's default recursion limit.</summary>
    public const int RecursionLimit = 100;

    private readonly ReadOnlySpan<byte> data = data;
    private int at;

    public readonly bool End => at >= data.Length;

    /// <summary>How many bytes have been read: the offset of what comes next.</summary>
    public readonly int Position => at;

    /// <summary>Reads a field's tag; false at a malformed tag (field number 0 or a varint over ten bytes).</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        field = wireType = 0;
        if (!TryReadVarint(out var raw))
            return false;
        var tag = (uint)raw;
        if (tag >> 3 == 0)
            return false;
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64 && at < data.Length; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return true;
        }
        return false;
    }

    public bool TryReadFixed64(out ulong value)
    {
        value = 0;
        if (data.Length - at < 8)
            return false;
        value = BinaryPrimitives.ReadUInt64LittleEndian(data[at..]);
        at += 8;
        return true;
    }

    /// <summary>A length-delimited field's bytes (a string, bytes or an embedded message).</summary>
    public bool TryReadLengthDelimited(out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadVarint(out var raw))
            return false;
        var length = (int)(uint)raw;
        if (length < 0 || length > data.Length - at)
            return false;
        value = data.Slice(at, length);
        at += length;
        return true;
    }

    /// <summary>
    /// Skips the value of a field this reader does not use, as generated protobuf code does with unknown fields.
    /// <paramref name="depth"/> is the nesting depth of the message being read (0 for the outermost), for groups.
    /// </summary>
    public bool TrySkip(int field, int wireType, int depth = 0)
    {
        switch (wireType)
        {
            case Varint:
                return TryReadVarint(out _);
            case Fixed64:
                return TryReadFixed64(out _);
            case LengthDelimited:
                return TryReadLengthDelimited(out _);
            case Fixed32:
                if (data.Length - at < 4)
                    return false;
                at += 4;
                return true;
            case StartGroup when depth + 1 < RecursionLimit:
                while (TryReadTag(out var inner, out var innerType))
                {
                    if (innerType == EndGroup)
                        return inner == field;
                    if (!TrySkip(inner, innerType, depth + 1))
                        return false;
                }
                return false;
            case 6 or 7:
                return discardUnknownFields;
            default:
                return false;
        }
    }
}

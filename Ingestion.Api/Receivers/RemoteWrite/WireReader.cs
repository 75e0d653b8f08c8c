using System.Buffers.Binary;

namespace Ingestion.Api.Receivers.RemoteWrite;

/// <summary>
/// The protobuf wire format (varints, fixed 64-bit values, length-delimited fields) read from a span, without building
/// messages. Every read checks the bounds; a malformed or truncated input makes it return false.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    public const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5;

    private const int MaxGroupDepth = 100;

    private readonly ReadOnlySpan<byte> data = data;
    private int at;

    public readonly bool End => at >= data.Length;

    /// <summary>Reads a field's tag; false at a malformed tag (field number 0 or a truncated varint).</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        field = wireType = 0;
        if (!TryReadVarint(out var tag) || tag >> 3 is 0 or > int.MaxValue)
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
        if (!TryReadVarint(out var length) || length > (ulong)(data.Length - at))
            return false;
        value = data.Slice(at, (int)length);
        at += (int)length;
        return true;
    }

    /// <summary>Skips the value of a field this reader does not use, as generated protobuf code does with unknown fields.</summary>
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
            case StartGroup when depth < MaxGroupDepth:
                while (TryReadTag(out var inner, out var innerType))
                {
                    if (innerType == EndGroup)
                        return inner == field;
                    if (!TrySkip(inner, innerType, depth + 1))
                        return false;
                }
                return false;
            default:
                return false;
        }
    }
}

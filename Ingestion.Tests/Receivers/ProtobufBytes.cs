using System.Buffers.Binary;
using System.Text;

namespace Ingestion.Tests.Receivers;

/// <summary>
/// Protobuf wire bytes written by hand, for what the generated writers never send: fields out of order, singular fields
/// twice, unknown fields of every wire type, packed and unpacked arrays, groups.
/// </summary>
internal static class ProtobufBytes
{
    public static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Tag(int field, int wireType) => Varint((ulong)(((uint)field << 3) | (uint)wireType));

    public static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    public static byte[] VarintField(int field, ulong value) => Join(Tag(field, 0), Varint(value));

    public static byte[] Fixed64Field(int field, ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Join(Tag(field, 1), bytes);
    }

    public static byte[] DoubleField(int field, double value) => Fixed64Field(field, BitConverter.DoubleToUInt64Bits(value));

    public static byte[] Fixed32Field(int field, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return Join(Tag(field, 5), bytes);
    }

    public static byte[] Message(int field, params byte[][] content)
    {
        var payload = Join(content);
        return Join(Tag(field, 2), Varint((ulong)payload.Length), payload);
    }

    public static byte[] Text(int field, string value) => Message(field, Encoding.UTF8.GetBytes(value));

    public static byte[] Group(int field, params byte[][] content) => Join(Tag(field, 3), Join(content), Tag(field, 4));

    /// <summary>One unknown field of each wire type (a varint, fixed 64, bytes, a group holding a field, fixed 32), numbered from <paramref name="field"/>.</summary>
    public static byte[] Unknowns(int field) => Join(
        VarintField(field, 300), Fixed64Field(field + 1, 7), Text(field + 2, "skip me"),
        Group(field + 3, VarintField(1, 1), Group(2, Text(3, "inner"))), Fixed32Field(field + 4, 9));
}

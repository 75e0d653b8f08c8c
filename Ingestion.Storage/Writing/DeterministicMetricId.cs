using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Storage.Writing;

/// <summary>
/// The id of a metric that reached Kafka without one: a name-based UUID (version 5, SHA-1, RFC 9562) of
/// <c>topic/partition/offset</c>. The same record always gets the same id, so replays and redeliveries stay idempotent.
/// </summary>
public static class DeterministicMetricId
{
    /// <summary>The namespace of these ids; changing it would re-key every derived id.</summary>
    public static readonly Guid Namespace = new("5f0c7f8e-3b1d-4a8e-9c57-2f9d0b6a41c3");

    public static Guid For(string topic, int partition, long offset)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        var nameLength = Encoding.UTF8.GetByteCount(topic) + 1 + 4 + 8;
        Span<byte> input = stackalloc byte[16 + nameLength];
        Namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        var name = input[16..];
        var written = Encoding.UTF8.GetBytes(topic, name);
        name[written] = (byte)'/';
        BinaryPrimitives.WriteInt32BigEndian(name[(written + 1)..], partition);
        BinaryPrimitives.WriteInt64BigEndian(name[(written + 5)..], offset);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}

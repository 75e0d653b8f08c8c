using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ingestion.Storage.Writing;

/// <summary>
/// The id of a metric that reached Kafka without one: a name-based UUID (version 5, SHA-1, RFC 9562) of what makes the
/// record <em>this</em> record: its topic, partition and offset together with its timestamp and its key and value bytes.
/// A redelivery or replay of the same record reads the same bytes at the same position, so it gets the same id and the
/// insert stays idempotent; a different record that reuses an offset (the topic was re-created, the embedded broker was
/// restarted) differs in timestamp or content, so it gets a new id and is stored. Offsets alone are not enough: they restart.
/// </summary>
public static class DeterministicMetricId
{
    /// <summary>The namespace of these ids; changing it would re-key every derived id.</summary>
    public static readonly Guid Namespace = new("5f0c7f8e-3b1d-4a8e-9c57-2f9d0b6a41c3");

    /// <param name="topic">The topic the record was read from.</param>
    /// <param name="partition">Its partition.</param>
    /// <param name="offset">Its offset.</param>
    /// <param name="timestampMs">The record timestamp in Unix milliseconds (0 when the position has none of its own, e.g. a replay).</param>
    /// <param name="key">The record key (empty and <paramref name="hasKey"/> false for a record without one).</param>
    /// <param name="value">The record value exactly as stored.</param>
    /// <param name="hasKey">False for a record without a key (told apart from an empty key).</param>
    public static Guid For(string topic, int partition, long offset, long timestampMs, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, bool hasKey = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        Span<byte> fixedPart = stackalloc byte[16];
        Namespace.TryWriteBytes(fixedPart, bigEndian: true, out _);
        hash.AppendData(fixedPart);
        hash.AppendData(Encoding.UTF8.GetBytes(topic));
        Span<byte> numbers = stackalloc byte[1 + 4 + 8 + 8 + 4 + 4];
        numbers[0] = (byte)'/';
        BinaryPrimitives.WriteInt32BigEndian(numbers[1..], partition);
        BinaryPrimitives.WriteInt64BigEndian(numbers[5..], offset);
        BinaryPrimitives.WriteInt64BigEndian(numbers[13..], timestampMs);
        // Lengths keep the boundary between key and value unambiguous; -1 marks a record without a key.
        BinaryPrimitives.WriteInt32BigEndian(numbers[21..], hasKey ? key.Length : -1);
        BinaryPrimitives.WriteInt32BigEndian(numbers[25..], value.Length);
        hash.AppendData(numbers);
        hash.AppendData(key);
        hash.AppendData(value);

        Span<byte> digest = stackalloc byte[SHA1.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        var bytes = digest[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}

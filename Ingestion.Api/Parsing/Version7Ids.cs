using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Ingestion.Api.Parsing;

/// <summary>
/// RFC 9562 version 7 UUIDs (48-bit Unix milliseconds, then 74 random bits), the layout of <see cref="Guid.CreateVersion7(DateTimeOffset)"/>,
/// with the random bits drawn from the cryptographic generator 4 KiB at a time per thread. <c>Guid.CreateVersion7</c> asks the
/// operating system for 16 random bytes per id (one <c>getrandom</c> system call each on Linux): one per metric of every batch.
/// </summary>
internal static class Version7Ids
{
    private const int PoolSize = 4096, RandomBytes = 10;

    [ThreadStatic]
    private static byte[]? pool;

    [ThreadStatic]
    private static int used;

    public static Guid New(DateTimeOffset now)
    {
        var random = pool;
        if (random is null || used > PoolSize - RandomBytes)
        {
            random = pool ??= new byte[PoolSize];
            RandomNumberGenerator.Fill(random);
            used = 0;
        }
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, now.ToUnixTimeMilliseconds() << 16);
        random.AsSpan(used, RandomBytes).CopyTo(bytes[6..]);
        used += RandomBytes;
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using Ingestion.Api.Parsing;
using Snappier;

namespace Ingestion.Api.Receivers;

/// <summary>
/// A receiver's body read within <see cref="ReceiverOptions.MaxBodyBytes"/> and decompressed within
/// <see cref="ReceiverOptions.MaxDecompressedBytes"/>, in pooled buffers. Dispose to return them.
/// </summary>
internal sealed class DecodedBody : IDisposable
{
    private readonly RequestBody? raw;
    private byte[]? inflated;
    private readonly int inflatedLength;

    private DecodedBody(BodyStatus status, string detail, RequestBody? raw = null, byte[]? inflated = null, int inflatedLength = 0)
    {
        Status = status;
        Detail = detail;
        this.raw = raw;
        this.inflated = inflated;
        this.inflatedLength = inflatedLength;
    }

    public BodyStatus Status { get; }

    /// <summary>Why the body was refused, for the client; empty when it was not.</summary>
    public string Detail { get; }

    public ReadOnlySpan<byte> Span => inflated is not null ? inflated.AsSpan(0, inflatedLength) : raw is not null ? raw.Span : default;

    public static async Task<DecodedBody> ReadAsync(HttpRequest request, ContentCoding coding, ReceiverOptions options, CancellationToken cancellationToken)
    {
        var raw = await RequestBody.ReadAsync(request, options.MaxBodyBytes, cancellationToken);
        if (raw.TooLarge)
        {
            raw.Dispose();
            return new DecodedBody(BodyStatus.TooLarge, $"The body as sent must be at most {options.MaxBodyBytes} bytes.");
        }
        if (coding == ContentCoding.Identity)
        {
            return raw.Length > options.MaxDecompressedBytes
                ? Refuse(raw, BodyStatus.TooLarge, $"The body must be at most {options.MaxDecompressedBytes} bytes.")
                : new DecodedBody(BodyStatus.Ok, string.Empty, raw);
        }
        using (raw)
        {
            return coding == ContentCoding.Snappy ? Unsnappy(raw.Span, options.MaxDecompressedBytes) : Gunzip(raw.Memory, options.MaxDecompressedBytes);
        }
    }

    public void Dispose()
    {
        raw?.Dispose();
        if (inflated is not null)
            ArrayPool<byte>.Shared.Return(inflated);
        inflated = null;
    }

    private static DecodedBody Refuse(RequestBody raw, BodyStatus status, string detail)
    {
        raw.Dispose();
        return new DecodedBody(status, detail);
    }

    private static DecodedBody Unsnappy(ReadOnlySpan<byte> compressed, long limit)
    {
        int length;
        try
        {
            // The block announces its length up front: refuse a bomb before allocating anything for it.
            length = Snappy.GetUncompressedLength(compressed);
        }
        catch (InvalidDataException)
        {
            return new DecodedBody(BodyStatus.Corrupt, "The body is not a valid snappy block.");
        }
        if (length > limit)
            return new DecodedBody(BodyStatus.TooLarge, $"The body would decompress to {length} bytes; at most {limit} are accepted.");
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var written = Snappy.Decompress(compressed, buffer);
            return new DecodedBody(BodyStatus.Ok, string.Empty, inflated: buffer, inflatedLength: written);
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new DecodedBody(BodyStatus.Corrupt, "The body is not a valid snappy block (truncated or corrupt).");
        }
    }

    private static DecodedBody Gunzip(ReadOnlyMemory<byte> compressed, long limit)
    {
        if (!MemoryMarshal.TryGetArray(compressed, out var segment))
            throw new InvalidOperationException("The request body is expected in an array.");
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(segment.Count * 4L, 4096), limit + 1));
        var length = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false), CompressionMode.Decompress);
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                        break;
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = gzip.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                    break;
                length += read;
            }
        }
        catch (InvalidDataException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new DecodedBody(BodyStatus.Corrupt, "The body is not valid gzip (truncated or corrupt).");
        }
        if (length > limit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new DecodedBody(BodyStatus.TooLarge, $"The body decompresses to more than {limit} bytes.");
        }
        // GZipStream ends quietly at a truncated stream; the trailer's ISIZE (length mod 2^32 of the one member
        // exporters send) tells a cut-off body from a whole one.
        if (segment.Count < 18 || BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(segment.Count - 4)) != (uint)length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new DecodedBody(BodyStatus.Corrupt, "The body is not valid gzip (truncated or corrupt).");
        }
        return new DecodedBody(BodyStatus.Ok, string.Empty, inflated: buffer, inflatedLength: length);
    }
}

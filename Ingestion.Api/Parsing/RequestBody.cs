using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace Ingestion.Api.Parsing;

/// <summary>A request body read into a pooled buffer, within a size limit. Dispose to return the buffer.</summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? buffer;

    private RequestBody(byte[]? buffer, int length, bool tooLarge)
    {
        this.buffer = buffer;
        Length = length;
        TooLarge = tooLarge;
    }

    public bool TooLarge { get; }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, Length);

    public static async Task<RequestBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            return new RequestBody(null, 0, tooLarge: true);
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = limit;

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                        break;
                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                    break;
                length += read;
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            length = (int)Math.Min(limit + 1, int.MaxValue);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        if (length > limit)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return new RequestBody(null, 0, tooLarge: true);
        }
        return new RequestBody(buffer, length, tooLarge: false);
    }

    public void Dispose()
    {
        if (buffer is not null)
            ArrayPool<byte>.Shared.Return(buffer);
        buffer = null;
    }
}

using Microsoft.AspNetCore.Http.Features;

namespace Ingestion.Api.Parsing;

/// <summary>
/// A request body read into a pooled buffer, within a size limit. Dispose to return the buffer. The buffer grows as bytes
/// arrive (never sized by the declared Content-Length up front), and all bodies being read share one
/// <see cref="BodyBufferBudget"/>: beyond it reading throws <see cref="BodyMemoryExhaustedException"/> (503 with Retry-After).
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private GrowingBuffer buffer;

    private RequestBody(GrowingBuffer buffer, bool tooLarge)
    {
        this.buffer = buffer;
        TooLarge = tooLarge;
    }

    public bool TooLarge { get; }

    public int Length => buffer.Length;

    public ReadOnlySpan<byte> Span => buffer.Array.AsSpan(0, buffer.Length);

    public ReadOnlyMemory<byte> Memory => buffer.Array.AsMemory(0, buffer.Length);

    public static async Task<RequestBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var budget = request.HttpContext.RequestServices.GetRequiredService<BodyBufferBudget>();
        if (request.ContentLength > limit)
            return new RequestBody(new GrowingBuffer(budget, 0), tooLarge: true);
        // This reader enforces the limit on the body bytes themselves. Kestrel's own per-request limit is lifted: for a
        // chunked body it refused bodies within the limit (413), and its global default (30 MB) must not cap ours.
        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = null;

        var buffer = new GrowingBuffer(budget, (int)Math.Min(request.ContentLength ?? limit, limit));
        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var data = result.Buffer;
                if (buffer.Length + data.Length > limit)
                {
                    reader.AdvanceTo(data.End);
                    buffer.Release();
                    return new RequestBody(buffer, tooLarge: true);
                }
                buffer.Append(data);
                reader.AdvanceTo(data.End);
                if (result.IsCompleted)
                    return new RequestBody(buffer, tooLarge: false);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            buffer.Release();
            return new RequestBody(buffer, tooLarge: true);
        }
        catch
        {
            buffer.Release();
            throw;
        }
    }

    public void Dispose() => buffer.Release();
}

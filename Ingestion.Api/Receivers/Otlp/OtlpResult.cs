using Google.Protobuf;
using Ingestion.Api.Apis;
using Ingestion.Api.Receivers.Otlp.Protocol;

namespace Ingestion.Api.Receivers.Otlp;

/// <summary>
/// An OTLP/HTTP answer: 200 with an <c>ExportMetricsServiceResponse</c>, or a 4xx/5xx with a <c>google.rpc.Status</c>,
/// both in the request's encoding; 429 and 503 carry <c>Retry-After</c>.
/// </summary>
internal sealed class OtlpResult : IResult
{
    private readonly int statusCode;
    private readonly IMessage body;
    private readonly OtlpEncoding encoding;
    private readonly TimeSpan? retryAfter;

    private OtlpResult(int statusCode, IMessage body, OtlpEncoding encoding, TimeSpan? retryAfter)
    {
        this.statusCode = statusCode;
        this.body = body;
        this.encoding = encoding;
        this.retryAfter = retryAfter;
    }

    public static OtlpResult Success(OtlpEncoding encoding, long rejectedPoints, string message) =>
        new(StatusCodes.Status200OK, new ExportMetricsServiceResponse
        {
            PartialSuccess = rejectedPoints == 0 ? null : new ExportMetricsPartialSuccess { RejectedDataPoints = rejectedPoints, ErrorMessage = message },
        }, encoding, null);

    public static OtlpResult Failure(OtlpEncoding encoding, int statusCode, string message, TimeSpan? retryAfter = null) =>
        new(statusCode, new Status { Code = RpcCode(statusCode), Message = message }, encoding, retryAfter);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = OtlpCodec.ContentType(encoding);
        if (retryAfter is { } wait)
            response.Headers.RetryAfter = ApiProblems.RetryAfterSeconds(wait);
        var bytes = OtlpCodec.Encode(body, encoding);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, httpContext.RequestAborted).AsTask();
    }

    // google.rpc.Code values: INVALID_ARGUMENT, RESOURCE_EXHAUSTED, UNAVAILABLE, UNAUTHENTICATED; UNKNOWN otherwise.
    private static int RpcCode(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType => 3,
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests => 8,
        StatusCodes.Status503ServiceUnavailable => 14,
        StatusCodes.Status401Unauthorized => 16,
        _ => 2,
    };
}

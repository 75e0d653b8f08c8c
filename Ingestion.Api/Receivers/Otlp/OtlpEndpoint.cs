using Ingestion.Api.Receivers.Otlp.Wire;
using Microsoft.AspNetCore.Mvc;

namespace Ingestion.Api.Receivers.Otlp;

/// <summary>
/// <c>POST /v1/metrics</c>: OTLP/HTTP metrics, protobuf or JSON, optionally gzip. 200 with partial success when some
/// points were refused; 400 (not retried by exporters) for what cannot be read; 503 with Retry-After when Kafka did not
/// acknowledge (retried; the points' ids are deterministic, so a resend never duplicates).
/// </summary>
internal static class OtlpEndpoint
{
    public const string Receiver = "otlp";

    public static async Task<IResult> PostMetrics(HttpContext context, [FromServices] ReceiverServices services)
    {
        var request = context.Request;
        if (OtlpCodec.EncodingOf(request) is not { } encoding)
        {
            services.Telemetry.Rejected(Receiver, "unsupported_media_type");
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be OTLP protobuf or JSON.",
                detail: $"Send Content-Type: {OtlpCodec.ProtobufType} or {OtlpCodec.JsonType}.");
        }
        var coding = ContentCodings.Of(request);
        if (coding is not (ContentCoding.Identity or ContentCoding.Gzip))
            return Refuse(services, encoding, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Content-Encoding must be gzip or absent.");

        using var body = await DecodedBody.ReadAsync(request, coding, services.Limits, context.RequestAborted);
        if (body.Status == BodyStatus.TooLarge)
            return Refuse(services, encoding, StatusCodes.Status413PayloadTooLarge, "too_large", body.Detail);
        if (body.Status == BodyStatus.Corrupt)
            return Refuse(services, encoding, StatusCodes.Status400BadRequest, "malformed", body.Detail);
        var samples = services.NewSamples();
        // Binary exports are read straight from their bytes; JSON, and a body that reader finds malformed (parsed again
        // here for the generated parser's error message), go through the generated types.
        if (encoding != OtlpEncoding.Protobuf || !OtlpWireReader.TryMap(body.Span, samples, services.Limits.MaxAttributesPerPoint, out var rejectedPoints))
        {
            if (OtlpCodec.Parse(body.Span, encoding, out var error) is not { } export)
                return Refuse(services, encoding, StatusCodes.Status400BadRequest, "malformed", error);
            rejectedPoints = OtlpMetricMapper.Map(export, samples, services.Limits.MaxAttributesPerPoint);
        }
        if (samples.OverLimit)
        {
            return Refuse(services, encoding, StatusCodes.Status413PayloadTooLarge, "too_large",
                $"The request holds more than {samples.MaxSamples} samples (a histogram point is several); send smaller exports.");
        }
        if (samples.Rejected > 0)
        {
            services.Telemetry.Rejected(Receiver, "validation");
            ReceiverLog.SamplesRefused(services.Logger, Receiver, samples.Rejected, samples.Accepted.Count + samples.Rejected, samples.Reasons[0]);
        }

        if (await ReceiverProducer.ProduceAsync(services, Receiver, samples, context.RequestAborted) is { } retryAfter)
        {
            return OtlpResult.Failure(encoding, StatusCodes.Status503ServiceUnavailable,
                "Kafka did not acknowledge the metrics; retry after the indicated delay (resending is safe).", retryAfter);
        }
        return OtlpResult.Success(encoding, rejectedPoints, rejectedPoints == 0 ? string.Empty : samples.Describe());
    }

    private static OtlpResult Refuse(ReceiverServices services, OtlpEncoding encoding, int statusCode, string reason, string message)
    {
        services.Telemetry.Rejected(Receiver, reason);
        return OtlpResult.Failure(encoding, statusCode, message);
    }
}

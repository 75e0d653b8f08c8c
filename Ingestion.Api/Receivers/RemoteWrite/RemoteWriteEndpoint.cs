using Ingestion.Api.Apis;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Ingestion.Api.Receivers.RemoteWrite;

/// <summary>
/// <c>POST /api/v1/write</c>: Prometheus remote write 1.0 (snappy block-compressed protobuf <c>WriteRequest</c>).
/// 204 when every sample was accepted; 400 (not retried by Prometheus) for what cannot be read, and for samples refused
/// by validation (the valid ones of the same request are accepted); 503 with Retry-After when Kafka did not acknowledge.
/// </summary>
internal static class RemoteWriteEndpoint
{
    public const string Receiver = "remote_write";

    public static async Task<IResult> PostWrite(HttpContext context, [FromServices] ReceiverServices services)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/x-protobuf", StringComparison.OrdinalIgnoreCase))
            return Refuse(services, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Remote write bodies are Content-Type: application/x-protobuf.");
        if (ContentCodings.Of(request) != ContentCoding.Snappy)
            return Refuse(services, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Remote write bodies are Content-Encoding: snappy (block format).");

        using var body = await DecodedBody.ReadAsync(request, ContentCoding.Snappy, services.Limits, context.RequestAborted);
        if (body.Status == BodyStatus.TooLarge)
            return Refuse(services, StatusCodes.Status413PayloadTooLarge, "too_large", body.Detail);
        if (body.Status == BodyStatus.Corrupt)
            return Refuse(services, StatusCodes.Status400BadRequest, "malformed", body.Detail);
        var samples = services.NewSamples();
        if (!RemoteWriteReader.TryMap(body.Span, samples, services.Limits.MaxAttributesPerPoint))
            return Refuse(services, StatusCodes.Status400BadRequest, "malformed", "The body is not a valid remote-write WriteRequest (protobuf).");
        if (samples.OverLimit)
        {
            return Refuse(services, StatusCodes.Status413PayloadTooLarge, "too_large",
                $"The request holds more than {samples.MaxSamples} samples; lower queue_config.max_samples_per_send.");
        }

        if (await ReceiverProducer.ProduceAsync(services, Receiver, samples, context.RequestAborted) is { } retryAfter)
        {
            return ApiProblems.Unavailable(context, retryAfter, "Kafka did not acknowledge the samples.",
                "Retry after the indicated delay; resending is safe (sample ids derive from series and timestamp).");
        }
        if (samples.Rejected > 0)
        {
            ReceiverLog.SamplesRefused(services.Logger, Receiver, samples.Rejected, samples.Accepted.Count + samples.Rejected, samples.Reasons[0]);
            return Refuse(services, StatusCodes.Status400BadRequest, "validation", samples.Describe());
        }
        return TypedResults.NoContent();
    }

    private static IResult Refuse(ReceiverServices services, int statusCode, string reason, string detail)
    {
        services.Telemetry.Rejected(Receiver, reason);
        return TypedResults.Problem(statusCode: statusCode, title: "The remote-write request was refused.", detail: detail);
    }
}

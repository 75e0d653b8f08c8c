using Ingestion.Api.Admission;
using Ingestion.Api.Receivers.Otlp;
using Ingestion.Api.Receivers.RemoteWrite;
using Ingestion.Api.Security;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Receivers;

/// <summary>The protocol receivers: OTLP/HTTP metrics at <c>/v1/metrics</c> and Prometheus remote write at <c>/api/v1/write</c>.</summary>
public static class ReceiversApi
{
    public static IHostApplicationBuilder AddReceivers(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ReceiverOptions>()
            .BindConfiguration(ReceiverOptions.Section)
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxBodyBytes < int.MaxValue, "Receivers:MaxBodyBytes must be positive and under 2 GiB.")
            .Validate(o => o.MaxDecompressedBytes > 0 && o.MaxDecompressedBytes < int.MaxValue, "Receivers:MaxDecompressedBytes must be positive and under 2 GiB.")
            .Validate(o => o.MaxSamplesPerRequest is > 0 and <= 1_000_000, "Receivers:MaxSamplesPerRequest must be from 1 to 1,000,000.")
            .Validate(o => o.MaxAttributesPerPoint > 0, "Receivers:MaxAttributesPerPoint must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReceiverServices>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReceivers(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var receivers = app.MapGroup(string.Empty)
            .WithTags("Receivers")
            .RequireRateLimiting(ClientRateLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        receivers.RequireApiKeyWhenConfigured(app);

        // Admission control (the consumers' backlog) answers 503 with Retry-After, which both protocols' clients retry.
        receivers.MapPost("/v1/metrics", OtlpEndpoint.PostMetrics)
            .RequireAdmission()
            .WithName("PostOtlpMetrics")
            .WithSummary("OTLP/HTTP metrics (protobuf or JSON, optionally gzip); 200 with partial success once Kafka acknowledged.")
            .Produces(StatusCodes.Status200OK, contentType: OtlpCodec.ProtobufType, additionalContentTypes: OtlpCodec.JsonType);

        receivers.MapPost("/api/v1/write", RemoteWriteEndpoint.PostWrite)
            .RequireAdmission()
            .WithName("PostRemoteWrite")
            .WithSummary("Prometheus remote write 1.0 (snappy protobuf); 204 once Kafka acknowledged every sample.")
            .Produces(StatusCodes.Status204NoContent);

        return app;
    }
}

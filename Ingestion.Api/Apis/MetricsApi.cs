using Ingestion.Api.Admission;
using Ingestion.Api.Model;
using Ingestion.Api.Security;

namespace Ingestion.Api.Apis;

/// <summary>The metrics resource: ingestion (POST) and queries (GET) under <c>/api/v1/metrics</c>.</summary>
public static class MetricsApi
{
    public static IEndpointRouteBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/metrics")
            .WithTags("Metrics")
            .RequireRateLimiting(ClientRateLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.RequireApiKeyWhenConfigured(app);

        api.MapPost("/", IngestEndpoints.PostMetric)
            .RequireAdmission()
            .WithName("PostMetric")
            .WithSummary("Accept one metric; 202 once Kafka acknowledged it.")
            .DocumentsJsonBody<MetricRequest>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapPost("/batch", IngestEndpoints.PostBatch)
            .RequireAdmission()
            .WithName("PostMetricBatch")
            .WithSummary("Accept an array of metrics, all or nothing at validation; 202 once Kafka acknowledged all.")
            .DocumentsJsonBody<MetricRequest[]>()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/", QueryEndpoints.GetMetrics)
            .WithName("ListMetrics")
            .WithSummary("Stored metrics, newest first, filtered by name, time range and labels; keyset pages.");

        api.MapGet("/{name}/aggregate", QueryEndpoints.GetAggregate)
            .WithName("AggregateMetric")
            .WithSummary("Tumbling-window aggregates (avg, min, max, sum, count, pNN) of one metric name.");

        return app;
    }
}

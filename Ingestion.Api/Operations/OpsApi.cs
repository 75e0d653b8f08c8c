using Ingestion.Api.Security;

namespace Ingestion.Api.Operations;

/// <summary>The operations resource under <c>/api/v1/ops</c>: what <c>/dashboard</c> reads, for scripts too.</summary>
public static class OpsApi
{
    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1/ops")
            .WithTags("Operations")
            .RequireRateLimiting(ClientRateLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.RequireApiKeyWhenConfigured(app);

        api.MapGet("/summary", OpsEndpoints.GetSummary)
            .WithName("GetOpsSummary")
            .WithSummary("Rates, workers, consumer lag per partition, DLQ depth and dependency health, read at most once per Dashboard:CacheFor.");

        api.MapGet("/dlq", OpsEndpoints.GetDeadLetters)
            .WithName("ListRecentDeadLetters")
            .WithSummary("The newest records of the dead-letter topic (limit 1..200, default 20), newest first, with reason and error.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        return app;
    }
}

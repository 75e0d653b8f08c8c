using Ingestion.Api.Options;
using Ingestion.Api.Security;
using Microsoft.Extensions.Options;

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

        // The same key rule as the metrics endpoints: what the pipeline holds and why records failed is not public.
        if (app.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.Keys.Any(k => k.Length > 0))
            api.AddEndpointFilter<ApiKeyFilter>();

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

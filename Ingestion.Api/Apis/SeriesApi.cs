using Ingestion.Api.Security;

namespace Ingestion.Api.Apis;

/// <summary>The series resource: which name and label sets exist, under <c>/api/v1/series</c>.</summary>
public static class SeriesApi
{
    public static IEndpointRouteBuilder MapSeriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/series")
            .WithTags("Series")
            .RequireRateLimiting(ClientRateLimiting.Policy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        api.RequireApiKeyWhenConfigured(app);

        api.MapGet("/", SeriesEndpoints.GetSeries)
            .WithName("ListSeries")
            .WithSummary("The series written so far (name and labels), filtered by name and labels; pages in creation order.");
        return app;
    }
}

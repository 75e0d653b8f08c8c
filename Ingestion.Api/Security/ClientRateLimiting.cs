using System.Threading.RateLimiting;
using Ingestion.Api.Apis;
using Ingestion.Api.Options;
using Ingestion.Api.Telemetry;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Security;

/// <summary>A fixed window per client: its API key when it sends a configured one, else its remote address. 429 carries Retry-After.</summary>
public static class ClientRateLimiting
{
    public const string Policy = "per-client";

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;
                var settings = options.RateLimit;
                if (!settings.Enabled)
                    return RateLimitPartition.GetNoLimiter("unlimited");
                // Only a configured key earns its own budget; otherwise rotating made-up keys would escape the per-address limit.
                var key = PresentedApiKey.Of(context.Request);
                var client = key.Length > 0 && Array.IndexOf(options.Keys, key) >= 0
                    ? "key:" + key
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.PermitLimit,
                    Window = settings.Window,
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = OnRejected;
        });
        return services;
    }

    private static async ValueTask OnRejected(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = ApiProblems.RetryAfterSeconds(retryAfter);
        http.RequestServices.GetRequiredService<ApiMetrics>().Rejected(ApiMetrics.EndpointOf(http.Request), "rate_limited");
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = "This client exceeded its request rate; retry after the indicated delay.",
            },
        });
    }
}

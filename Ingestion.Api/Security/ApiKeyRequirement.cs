using Ingestion.Api.Options;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Security;

/// <summary>The one place that decides whether a route group checks API keys.</summary>
public static class ApiKeyRequirement
{
    /// <summary>
    /// Adds <see cref="ApiKeyFilter"/> when <c>Api:Keys</c> lists keys. Without keys the filter is left out entirely:
    /// a filter pipeline costs every request.
    /// </summary>
    public static RouteGroupBuilder RequireApiKeyWhenConfigured(this RouteGroupBuilder group, IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetRequiredService<IOptions<ApiOptions>>().Value.Keys.Any(k => k.Length > 0))
            group.AddEndpointFilter<ApiKeyFilter>();
        return group;
    }
}

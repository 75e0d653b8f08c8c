using System.Security.Cryptography;
using System.Text;
using Ingestion.Api.Options;
using Ingestion.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Security;

/// <summary>
/// When <c>Api:Keys</c> lists keys, every request must carry one of them in <c>X-Api-Key</c> or as
/// <c>Authorization: Bearer &lt;key&gt;</c> (what OTLP exporters and Prometheus can send).
/// </summary>
public sealed class ApiKeyFilter(IOptions<ApiOptions> options, ApiMetrics telemetry) : IEndpointFilter
{
    public const string Header = "X-Api-Key";

    private readonly byte[][] keys = options.Value.Keys.Where(k => !string.IsNullOrEmpty(k)).Select(Encoding.UTF8.GetBytes).ToArray();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (keys.Length == 0 || IsKnown(PresentedApiKey.Of(context.HttpContext.Request)))
            return next(context);
        telemetry.Rejected(ApiMetrics.EndpointOf(context.HttpContext.Request), "unauthorized");
        return ValueTask.FromResult<object?>(TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "An API key is required.",
            detail: $"Send a valid key in the {Header} header or as Authorization: Bearer <key>."));
    }

    private bool IsKnown(string presented)
    {
        if (presented.Length == 0)
            return false;
        var bytes = Encoding.UTF8.GetBytes(presented);
        var known = false;
        foreach (var key in keys)
            known |= CryptographicOperations.FixedTimeEquals(bytes, key);
        return known;
    }
}

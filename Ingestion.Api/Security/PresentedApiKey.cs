namespace Ingestion.Api.Security;

/// <summary>The API key a request presents: <c>X-Api-Key</c>, else the token of <c>Authorization: Bearer</c>; empty when neither.</summary>
public static class PresentedApiKey
{
    private const string Bearer = "Bearer ";

    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Headers[ApiKeyFilter.Header].ToString();
        if (key.Length > 0)
            return key;
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization[Bearer.Length..].Trim() : string.Empty;
    }
}

using System.Security.Cryptography;
using System.Text;
using Ingestion.Api.Options;
using Ingestion.Api.Security;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Idempotency;

/// <summary>
/// The namespace of a caller's idempotency keys: the SHA-256 of its API key when keys are configured (so two clients using
/// the same Idempotency-Key get different metric ids), none otherwise. Computed once per configured key.
/// </summary>
internal sealed class ApiKeyScopes(IOptions<ApiOptions> options)
{
    private readonly Dictionary<string, byte[]> scopes = options.Value.Keys
        .Where(k => !string.IsNullOrEmpty(k))
        .Distinct(StringComparer.Ordinal)
        .ToDictionary(k => k, k => SHA256.HashData(Encoding.UTF8.GetBytes(k)), StringComparer.Ordinal);

    /// <summary>The caller's scope, or null when no keys are configured (the API key filter has already refused unknown keys).</summary>
    public byte[]? For(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (scopes.Count == 0)
            return null;
        return scopes.TryGetValue(request.Headers[ApiKeyFilter.Header].ToString(), out var scope) ? scope : null;
    }
}

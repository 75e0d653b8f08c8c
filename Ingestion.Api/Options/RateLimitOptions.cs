namespace Ingestion.Api.Options;

/// <summary>Per-client (API key, else remote IP) fixed-window limit on ingestion and query requests.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Requests one client may make per <see cref="Window"/> (a batch counts as one request).</summary>
    public int PermitLimit { get; set; } = 20_000;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);
}

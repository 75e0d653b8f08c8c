using Ingestion.Contracts;

namespace Ingestion.Api.Options;

/// <summary>Settings under <c>Api</c>; bound once and validated on start.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The topic metrics are produced to (tests use a unique one).</summary>
    public string Topic { get; set; } = Topics.Metrics;

    /// <summary>Accepted values of the <c>X-Api-Key</c> header; empty means no key is required.</summary>
    public string[] Keys { get; set; } = [];

    /// <summary>Most metrics in one batch request.</summary>
    public int MaxBatchSize { get; set; } = MetricLimits.MaxBatchSize;

    /// <summary>Largest body of <c>POST /api/v1/metrics</c>.</summary>
    public long MaxSingleBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest body of <c>POST /api/v1/metrics/batch</c>.</summary>
    public long MaxBatchBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Oldest accepted timestamp age (should match the topic's retention).</summary>
    public TimeSpan MaxMetricAge { get; set; } = MetricLimits.DefaultMaxAge;

    /// <summary>Upper bound on one produce call; the producer's own delivery timeout normally answers first.</summary>
    public TimeSpan ProduceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long in-flight requests may drain on SIGTERM.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Admission control on the consumers' backlog (off by default).</summary>
    public Admission.AdmissionOptions Admission { get; set; } = new();
}

namespace Ingestion.Contracts;

/// <summary>Validation limits shared by the API (at the edge) and the worker (for records written straight to Kafka).</summary>
public static class MetricLimits
{
    /// <summary>Longest metric name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>Most label pairs on one metric.</summary>
    public const int MaxLabels = 32;

    /// <summary>Longest label key, in characters.</summary>
    public const int MaxLabelKeyLength = 200;

    /// <summary>Longest label value, in characters.</summary>
    public const int MaxLabelValueLength = 256;

    /// <summary>How far in the future a timestamp may lie (clock skew allowance).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(10);

    /// <summary>Default oldest accepted timestamp (matches the 7-day topic retention).</summary>
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(7);

    /// <summary>Most metrics in one batch request.</summary>
    public const int MaxBatchSize = 10_000;
}

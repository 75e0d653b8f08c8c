using System.Diagnostics.Metrics;

namespace Ingestion.Api.Telemetry;

/// <summary>
/// The API's own instruments (meter <c>Ingestion.Api</c>). Requests by route and status come from ASP.NET Core's
/// built-in <c>http.server.request.duration</c>.
/// </summary>
public sealed class ApiMetrics
{
    public const string MeterName = "Ingestion.Api";

    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;
    private readonly Histogram<double> produceDuration;

    public ApiMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        accepted = meter.CreateCounter<long>("ingestion.api.metrics.accepted", "{metric}", "Metrics Kafka acknowledged.");
        rejected = meter.CreateCounter<long>("ingestion.api.metrics.rejected", "{request}", "Ingestion requests refused, by reason.");
        produceDuration = meter.CreateHistogram("ingestion.api.produce.duration", "s", "Time from produce to broker acknowledgement.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
    }

    /// <summary>The endpoint tag: single, batch, otlp, remote_write or query.</summary>
    public static string EndpointOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!HttpMethods.IsPost(request.Method))
            return "query";
        if (request.Path.Equals("/v1/metrics", StringComparison.OrdinalIgnoreCase))
            return "otlp";
        if (request.Path.Equals("/api/v1/write", StringComparison.OrdinalIgnoreCase))
            return "remote_write";
        return request.Path.Value?.EndsWith("/batch", StringComparison.OrdinalIgnoreCase) == true ? "batch" : "single";
    }

    public void Accepted(string endpoint, int count) =>
        accepted.Add(count, new KeyValuePair<string, object?>("endpoint", endpoint));

    /// <summary>
    /// Reasons: validation, too_large, unsupported_media_type, malformed, idempotency_conflict, kafka_unavailable,
    /// unauthorized, rate_limited, body_memory, body_too_slow, bad_request.
    /// </summary>
    public void Rejected(string endpoint, string reason) =>
        rejected.Add(1, new KeyValuePair<string, object?>("endpoint", endpoint), new KeyValuePair<string, object?>("reason", reason));

    public void Produced(string endpoint, TimeSpan elapsed, bool succeeded) =>
        produceDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("endpoint", endpoint),
            new KeyValuePair<string, object?>("outcome", succeeded ? "acked" : "failed"));
}

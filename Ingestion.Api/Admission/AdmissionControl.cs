using System.Diagnostics.Metrics;
using Ingestion.Api.Apis;
using Ingestion.Api.Options;
using Ingestion.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Admission;

/// <summary>
/// Whether ingestion is admitted right now: set by <see cref="BacklogMonitor"/> from the measured backlog, read by the
/// endpoint filter (<see cref="AdmissionEndpointExtensions.RequireAdmission{TBuilder}"/>) with one volatile read per request.
/// Exports <c>ingestion.api.admission.refusing</c> (0/1) and <c>ingestion.api.admission.refused</c> (requests refused).
/// </summary>
public sealed class AdmissionControl
{
    private readonly Counter<long> refused;
    private readonly ApiMetrics telemetry;
    private volatile string? refusal;

    public AdmissionControl(IOptions<ApiOptions> options, IMeterFactory meters, ApiMetrics telemetry)
    {
        this.telemetry = telemetry;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        Options = options.Value.Admission;
        var meter = meters.Create(ApiMetrics.MeterName);
        meter.CreateObservableGauge("ingestion.api.admission.refusing", () => refusal is null ? 0 : 1, null,
            "1 while ingestion requests are refused because the consumers' backlog nears what the broker keeps.");
        refused = meter.CreateCounter<long>("ingestion.api.admission.refused", "{request}", "Ingestion requests refused by admission control.");
    }

    public AdmissionOptions Options { get; }

    /// <summary>Why requests are refused now, or null while they are admitted.</summary>
    public string? Refusal => refusal;

    /// <summary>Starts refusing with <paramref name="reason"/>, or admits again when it is null.</summary>
    internal void Set(string? reason) => refusal = reason;

    /// <summary>The 503 answer to a refused request, with <c>Retry-After</c>.</summary>
    internal IResult Refuse(HttpContext context, string reason)
    {
        refused.Add(1);
        telemetry.Rejected(ApiMetrics.EndpointOf(context.Request), "backlog");
        return ApiProblems.Unavailable(context, Options.RetryAfter, "The pipeline is catching up; nothing was accepted.",
            $"{reason} Retry after the indicated delay (an Idempotency-Key or item id makes the retry safe).");
    }
}

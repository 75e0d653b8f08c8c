using Microsoft.Extensions.Configuration;

namespace Ingestion.Telemetry;

/// <summary>
/// Whether a service traces: when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (spans go there over OTLP, configured by the
/// standard <c>OTEL_*</c> variables), or when <c>Tracing:Enabled</c> is true (an exporter added in code, as tests do).
/// Off otherwise, so the hot paths pay nothing for spans nobody collects.
/// </summary>
public static class TracingSettings
{
    public const string OtlpEndpoint = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string Enabled = "Tracing:Enabled";

    public static bool ExportsOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpoint]);

    public static bool IsEnabled(IConfiguration configuration) =>
        ExportsOtlp(configuration) || configuration.GetValue(Enabled, false);
}

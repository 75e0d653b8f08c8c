using Microsoft.Extensions.Configuration;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ingestion.Telemetry;

/// <summary>Tracing for a console tool without a host (ingestion-ops): the same sources and OTLP export as the services.</summary>
public static class ToolTracing
{
    /// <summary>A tracer provider for <paramref name="serviceName"/> while tracing is on (see <see cref="TracingSettings"/>), else null.</summary>
    public static TracerProvider? Start(string serviceName, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!TracingSettings.ExportsOtlp(configuration)) return null;
        return Sdk.CreateTracerProviderBuilder()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .AddSource([.. TracingSources.All])
            .AddNpgsql()
            .AddOtlpExporter()
            .Build();
    }
}

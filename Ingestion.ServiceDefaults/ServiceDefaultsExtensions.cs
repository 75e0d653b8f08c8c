using Ingestion.Kafka.Diagnostics;
using Ingestion.ServiceDefaults.Health;
using Ingestion.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ingestion.ServiceDefaults;

/// <summary>
/// What the API and the worker share: health checks (the PostgreSQL check, tag <c>ready</c>), Prometheus metrics with the
/// rider's meter, and OpenTelemetry tracing of ASP.NET Core, the rider, MassTransit and Npgsql, exported over OTLP.
/// Services add their own meters and checks next to these.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        // Named, so Npgsql's metrics and logs name the pool instead of printing its connection string.
        builder.Services.TryAddSingleton(sp => new NpgsqlDataSourceBuilder(
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Metrics")
            ?? throw new InvalidOperationException("ConnectionStrings:Metrics is not set; the service needs it.")) { Name = "ingestion-health" }.Build());
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(PostgresHealthCheck.Name, tags: [ReadyTag]);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics.AddMeter(KafkaMetrics.MeterName).AddPrometheusExporter());
        if (TracingSettings.IsEnabled(builder.Configuration))
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsOperational(context.Request.Path))
                    .AddSource([.. TracingSources.All])
                    .AddNpgsql();
                if (TracingSettings.ExportsOtlp(builder.Configuration))
                    tracing.AddOtlpExporter();
            });
        }
        return builder;
    }

    /// <summary>
    /// <c>/health/live</c> (the process answers), <c>/health/ready</c> (checks tagged <c>ready</c>, written by
    /// <paramref name="readyWriter"/> when given) and <c>/metrics</c> (Prometheus).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, Func<HttpContext, HealthReport, Task>? readyWriter = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) };
        if (readyWriter is not null)
            ready.ResponseWriter = readyWriter;
        app.MapHealthChecks("/health/ready", ready);
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    // Scrapes and probes would drown the traces that matter.
    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}

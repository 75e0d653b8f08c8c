using Ingestion.Consumers.Health;
using Ingestion.Consumers.Persisting;
using Ingestion.Consumers.Statistics;
using Ingestion.Storage.Extensions;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Ingestion.Consumers.Extensions;

/// <summary>The worker's composition: storage, messaging, statistics, telemetry, health, shutdown.</summary>
public static class HostingExtensions
{
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddIngestionWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section)
            .Validate(o => o.BatchSize > 0 && o.ConcurrentBatches > 0 && o.StatsInterval > TimeSpan.Zero,
                "Worker:BatchSize, Worker:ConcurrentBatches and Worker:StatsInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = worker.Value.ShutdownTimeout);

        builder.AddIngestionStorage();
        // Partitions ahead, expired ones dropped (Storage:Retention); one worker at a time holds the job's advisory lock.
        builder.Services.AddStorageRetention(builder.Configuration.GetValue("Storage:Retention:Enabled", true));
        builder.AddWorkerLogging();
        builder.AddWorkerPersistence();
        builder.AddWorkerMessaging();
        builder.AddWorkerStatistics();
        builder.AddWorkerHealth();
        return builder;
    }

    public static WebApplication MapWorkerEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static void AddWorkerLogging(this IHostApplicationBuilder builder)
    {
        // The batch handler logs each failed write once, with topic, partition and offset; EF's per-command error is noise.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        // MassTransit logs a fault with a stack trace for every message of a failed batch (a thousand per failed write
        // while PostgreSQL is down); the rider and the handler already log each failure once with its coordinates.
        if (builder.Configuration["Logging:LogLevel:MassTransit"] is null)
            builder.Logging.AddFilter("MassTransit", LogLevel.Critical);
    }

    private static void AddWorkerPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MetricBatchPersister>();
        builder.Services.AddSingleton<MetricBatchHandler>();
    }

    private static void AddWorkerStatistics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RiderBlockage>();
        builder.Services.AddSingleton<WorkerStatistics>();
        builder.Services.AddHostedService<StatsReporter>();
        builder.Services.AddHostedService<ConsumerLagMonitor>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WorkerStatistics.MeterName, "MassTransit", "Ingestion.Kafka", "Npgsql")
            .AddPrometheusExporter());
    }

    private static void AddWorkerHealth(this IHostApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgresql", tags: [ReadyTag]);
}

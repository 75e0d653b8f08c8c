using Ingestion.ServiceDefaults.Health;
using Ingestion.Consumers.Persisting;
using Ingestion.Consumers.Statistics;
using Ingestion.Kafka.Logging;
using Ingestion.Storage.Extensions;
using Ingestion.ServiceDefaults;
using Ingestion.Storage.Writing;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Ingestion.Consumers.Extensions;

/// <summary>The worker's composition: storage, messaging, statistics, telemetry, health, shutdown.</summary>
public static class HostingExtensions
{

    public static IHostApplicationBuilder AddIngestionWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section)
            .Validate(o => o.BatchSize > 0 && o.ConcurrentBatches > 0 && o.StatsInterval > TimeSpan.Zero,
                "Worker:BatchSize, Worker:ConcurrentBatches and Worker:StatsInterval must be positive.")
            .Validate(o => o.BatchTimeLimit >= TimeSpan.Zero && o.BatchTimeLimit <= TimeSpan.FromSeconds(1),
                "Worker:BatchTimeLimit must be between 00:00:00 and 00:00:01.")
            .ValidateOnStart();
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<WorkerOptions>>((host, worker) => host.ShutdownTimeout = worker.Value.ShutdownTimeout);

        builder.AddServiceDefaults("ingestion-worker");
        builder.AddIngestionStorage();
        // Partitions ahead, expired ones dropped (Storage:Retention); one worker at a time holds the job's advisory lock.
        builder.Services.AddStorageRetention(builder.Configuration.GetValue("Storage:Retention:Enabled", true));
        builder.AddWorkerLogging();
        builder.AddWorkerPersistence();
        builder.AddWorkerMessaging();
        builder.AddWorkerStatistics();
        // Health checks: "postgresql" (tag ready) from the service defaults, "kafka-rider" from the rider's UsingKafka.
        return builder;
    }

    public static WebApplication MapWorkerEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDefaultEndpoints(HealthReportWriter.WriteAsync);
        return app;
    }

    private static void AddWorkerLogging(this IHostApplicationBuilder builder)
    {
        // Records carry text from anyone who can write to the topic: control characters are escaped in every line.
        builder.Logging.AddEscapingConsole();
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
        builder.Services.AddSingleton<MetricBatchHandler>();
    }

    private static void AddWorkerStatistics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RiderBlockage>();
        builder.Services.AddSingleton<WorkerStatistics>();
        builder.Services.AddHostedService<StatsReporter>();
        builder.Services.AddHostedService<ConsumerLagMonitor>();
        // Prometheus, the rider's meter and tracing come from the service defaults.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WorkerStatistics.MeterName, "MassTransit", "Npgsql"));
    }
}

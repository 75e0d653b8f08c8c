using System.Numerics;
using Ingestion.Api.Admission;
using Ingestion.Api.Apis;
using Ingestion.Api.Idempotency;
using Ingestion.Api.Operations;
using Ingestion.Api.Options;
using Ingestion.Api.Parsing;
using Ingestion.Api.Receivers.KnownSeries;
using Ingestion.Api.Security;
using Ingestion.Api.Serialization;
using Ingestion.Api.Telemetry;
using Ingestion.Contracts;
using Ingestion.Kafka.Logging;
using Ingestion.Kafka.Producing;
using Ingestion.ServiceDefaults;
using Ingestion.Storage.Extensions;
using MassTransit;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;

namespace Ingestion.Api.Extensions;

/// <summary>The API host's composition: each block below is one concern.</summary>
public static class HostingExtensions
{
    public static IHostApplicationBuilder AddIngestionApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDefaults("ingestion-api");
        builder.Logging.AddEscapingConsole();
        builder.AddApiOptions();
        builder.AddKafkaProducer();
        builder.AddAdmissionControl();
        builder.AddQueryStore();
        builder.AddHttpPipeline();
        builder.AddTelemetry();
        // Health checks: "postgresql" (tag ready) from the service defaults, "kafka-rider" from the rider's UsingKafka.
        builder.AddOperationsDashboard();
        return builder;
    }

    private static void AddApiOptions(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>()
            .BindConfiguration(ApiOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Topic), "Api:Topic must name a topic.")
            .Validate(o => o.MaxBatchSize is > 0 and <= 1_000_000, "Api:MaxBatchSize must be from 1 to 1,000,000.")
            .Validate(o => o.MaxSingleBodyBytes > 0 && o.MaxBatchBodyBytes > 0 && o.MaxBatchBodyBytes < int.MaxValue, "Api body limits must be positive and under 2 GiB.")
            .Validate(o => o.MaxBufferedBodyBytes >= (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(o.MaxSingleBodyBytes, o.MaxBatchBodyBytes)),
                "Api:MaxBufferedBodyBytes must hold the largest body limit rounded up to a power of two (buffers are pooled in such sizes).")
            .Validate(o => o.MinBodyBytesPerSecond >= 0 && o.MinBodyRateGracePeriod > TimeSpan.FromSeconds(1),
                "Api:MinBodyBytesPerSecond must be >= 0 and Api:MinBodyRateGracePeriod longer than 1 second.")
            .Validate(o => o.IdempotencyKeyCapacity > 0 && o.IdempotencyKeyWindow > TimeSpan.Zero, "Api:IdempotencyKeyCapacity and Api:IdempotencyKeyWindow must be positive.")
            .Validate(o => o.ProduceTimeout > TimeSpan.Zero, "Api:ProduceTimeout must be positive.")
            .Validate(o => !o.RateLimit.Enabled || (o.RateLimit.PermitLimit > 0 && o.RateLimit.Window > TimeSpan.Zero), "Api:RateLimit needs a positive PermitLimit and Window.")
            .Validate(o => !o.Admission.Enabled || (o.Admission.MaxBacklogPerPartition > 0 && o.Admission.Interval > TimeSpan.Zero
                && !string.IsNullOrWhiteSpace(o.Admission.GroupId)), "Api:Admission needs a GroupId, a positive MaxBacklogPerPartition and Interval.")
            .ValidateOnStart();
        var shutdown = builder.Configuration.GetValue($"{ApiOptions.Section}:{nameof(ApiOptions.ShutdownTimeout)}", TimeSpan.FromSeconds(30));
        // Kestrel stops accepting, then in-flight requests (and their produce calls) get this long to finish.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdown);
        builder.Services.TryAddSingleton(TimeProvider.System);
    }

    private static void AddKafkaProducer(this IHostApplicationBuilder builder)
    {
        var topic = builder.Configuration[$"{ApiOptions.Section}:{nameof(ApiOptions.Topic)}"] is { Length: > 0 } configured ? configured : Topics.Metrics;
        builder.Services.AddMassTransit(bus =>
        {
            bus.UsingInMemory();
            bus.AddRider(rider =>
            {
                // Key: the series, so one series stays ordered in one partition (a received series brings its key worked out
                // once, MetricKeys); message-id header: the metric id.
                rider.AddProducer<MetricRecorded>(topic, MetricKeys.For, metric => metric.Id);
                // Host, client settings, delivery timeout and breaker come from the Kafka configuration section.
                rider.UsingKafka((_, _) => { });
            });
        });
    }

    private static void AddQueryStore(this IHostApplicationBuilder builder)
    {
        // The DbContext and the migrate-on-start service (Storage:MigrateOnStart); readiness uses the plain data source of
        // the service defaults (ConnectionStrings:Metrics).
        builder.AddIngestionStorage();
        // Queries get their own small pool with a statement timeout (Storage:Query*), apart from the health check's.
        builder.Services.AddIngestionQueries(builder.Configuration);
    }

    private static void AddHttpPipeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<BodyBufferBudget>();
        builder.Services.AddSingleton<IdempotencyLedger>();
        builder.Services.AddSingleton<ApiKeyScopes>();
        builder.Services.AddExceptionHandler<RequestBodyFailureHandler>();
        // Trickling bodies are cut: a connection must deliver its body at this rate once the grace period is over.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MinRequestBodyDataRate = api.Value.MinBodyBytesPerSecond > 0
                ? new MinDataRate(api.Value.MinBodyBytesPerSecond, api.Value.MinBodyRateGracePeriod)
                : null);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        builder.Services.AddClientRateLimiting();
        builder.Services.AddSingleton<ApiKeyFilter>();
        builder.Services.AddOpenApi();
    }

    private static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiMetrics>();
        // Prometheus, the rider's meter and tracing come from the service defaults; these are the API's own meters.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ApiMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting"));
    }
}

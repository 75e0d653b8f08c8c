using Ingestion.Api.Options;
using Ingestion.Api.Telemetry;
using Ingestion.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Apis;

/// <summary>What the ingestion handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class MetricsServices(
    ITopicProducer<MetricRecorded> producer,
    IOptions<ApiOptions> options,
    ApiMetrics telemetry,
    TimeProvider clock,
    ILogger<MetricsServices> logger)
{
    public ITopicProducer<MetricRecorded> Producer { get; } = producer;

    public IOptions<ApiOptions> Options { get; } = options;

    public ApiMetrics Telemetry { get; } = telemetry;

    public TimeProvider Clock { get; } = clock;

    public ILogger<MetricsServices> Logger { get; } = logger;
}

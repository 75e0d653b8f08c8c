using Ingestion.Api.Options;
using Ingestion.Api.Telemetry;
using Ingestion.Contracts;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Receivers;

/// <summary>What the receiver handlers need; one instance for the host (nothing in it is per request).</summary>
public sealed class ReceiverServices(
    ITopicProducer<MetricRecorded> producer,
    IOptions<ApiOptions> api,
    IOptions<ReceiverOptions> limits,
    ApiMetrics telemetry,
    TimeProvider clock,
    ILogger<ReceiverServices> logger)
{
    public ITopicProducer<MetricRecorded> Producer { get; } = producer;

    public ApiOptions Api { get; } = api.Value;

    public ReceiverOptions Limits { get; } = limits.Value;

    public ApiMetrics Telemetry { get; } = telemetry;

    public TimeProvider Clock { get; } = clock;

    public ILogger<ReceiverServices> Logger { get; } = logger;

    /// <summary>An empty collection for one request's samples, under this API's limits and clock.</summary>
    internal ReceivedSamples NewSamples() => new(Limits.MaxSamplesPerRequest, Clock.GetUtcNow(), Api.MaxMetricAge);
}

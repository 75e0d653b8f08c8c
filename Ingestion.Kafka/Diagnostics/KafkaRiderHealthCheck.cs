using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Riding;
using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingestion.Kafka.Diagnostics;

/// <summary>
/// Ready when a Kafka broker answers and every topic endpoint of the rider is consuming, with no partition blocked by an
/// infrastructure fault and none faulting repeatedly (registered as <c>kafka-rider</c>, tag <c>ready</c>, by <c>UsingKafka</c>).
/// </summary>
public sealed class KafkaRiderHealthCheck(IServiceProvider services) : IHealthCheck
{
    public const string Name = "kafka-rider";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = services.GetRequiredService<KafkaBrokerProbe>();
        var (error, brokers) = await Task.Run(() => probe.Check(TimeSpan.FromSeconds(2)), cancellationToken).ConfigureAwait(false);
        var data = new Dictionary<string, object> { ["brokers"] = brokers };
        if (error is not null)
            return HealthCheckResult.Unhealthy(error, data: data);

        var endpoints = RiderEndpoints(out var riderError);
        if (riderError is not null)
            return HealthCheckResult.Unhealthy(riderError, data: data);
        foreach (var endpoint in endpoints)
        {
            data[$"{endpoint.Topic}/{endpoint.GroupId}"] = endpoint.AssignedPartitions.Count;
            if (!endpoint.IsConsuming)
                return HealthCheckResult.Unhealthy($"Kafka topic endpoint {endpoint.Topic} ({endpoint.GroupId}) is not consuming: {endpoint.LastError ?? "stopped"}", data: data);
            if (endpoint.BlockedSince is { } since)
                return HealthCheckResult.Unhealthy(
                    $"Kafka topic endpoint {endpoint.Topic} ({endpoint.GroupId}) is blocked by an infrastructure fault for {(DateTimeOffset.UtcNow - since).TotalSeconds:F0} s " +
                    $"(records wait and are redelivered, nothing is dead-lettered): {endpoint.BlockedReason}", data: data);
            if (endpoint.RepeatedFault is { } fault)
                return HealthCheckResult.Unhealthy($"Kafka topic endpoint {endpoint.Topic} ({endpoint.GroupId}): {fault}", data: data);
        }
        return HealthCheckResult.Healthy($"{brokers} broker(s) reachable", data);
    }

    private IReadOnlyList<IKafkaTopicEndpoint> RiderEndpoints(out string? error)
    {
        error = null;
        try
        {
            return services.GetService<Bind<IBus, IKafkaRider>>()?.Value.Endpoints ?? [];
        }
        catch (ConfigurationException)
        {
            error = "the Kafka rider has not started yet";
            return [];
        }
    }
}

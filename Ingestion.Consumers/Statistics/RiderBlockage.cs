using Ingestion.Kafka.Riding;
using MassTransit;
using MassTransit.DependencyInjection;

namespace Ingestion.Consumers.Statistics;

/// <summary>How long the worker's topic endpoints have been blocked by an infrastructure fault (read from the rider).</summary>
public sealed class RiderBlockage(IServiceProvider services)
{
    /// <summary>Seconds since the longest-blocked partition started waiting; 0 when nothing is blocked.</summary>
    public double BlockedSeconds()
    {
        DateTimeOffset? oldest = null;
        foreach (var endpoint in Endpoints())
        {
            if (endpoint.BlockedSince is { } since && (oldest is null || since < oldest))
                oldest = since;
        }
        return oldest is { } blocked ? Math.Max(0, (DateTimeOffset.UtcNow - blocked).TotalSeconds) : 0;
    }

    private IReadOnlyList<IKafkaTopicEndpoint> Endpoints()
    {
        try
        {
            return services.GetService<Bind<IBus, IKafkaRider>>()?.Value.Endpoints ?? [];
        }
        catch (ConfigurationException)
        {
            return []; // the rider has not started yet
        }
    }
}

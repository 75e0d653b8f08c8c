using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Consuming;
using MassTransit;
using MassTransit.Transports;

namespace Ingestion.Kafka.Riding;

/// <summary>Boards the bus: started after the bus starts, stopped before it stops; runs one poll loop per topic endpoint.</summary>
internal sealed class KafkaRider(KafkaOptions options, IReadOnlyList<KafkaTopicEndpoint> endpoints) : IKafkaRider, IRiderControl
{
    public KafkaOptions Options => options;

    public IReadOnlyList<IKafkaTopicEndpoint> Endpoints => endpoints;

    public RiderHandle Start(CancellationToken cancellationToken = default)
    {
        foreach (var endpoint in endpoints)
            endpoint.Start();
        return new KafkaRiderHandle(Task.WhenAll(endpoints.Select(e => e.Started)), StopAsync);
    }

    public IEnumerable<EndpointHealthResult> CheckEndpointHealth() => [];

    private Task StopAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(endpoints.Select(e => e.StopAsync(cancellationToken)));
}

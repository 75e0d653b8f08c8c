using MassTransit;
using MassTransit.Transports;

namespace Ingestion.Kafka.Consuming;

internal sealed class KafkaTopicEndpoint(
    string topic, string groupId, KafkaTopicEndpointSettings settings, KafkaOptions options,
    IReceiveEndpointDispatcher dispatcher, IServiceProvider services) : IKafkaTopicEndpoint
{
    public string Topic => topic;
    public string GroupId => groupId;
    public bool IsConsuming => false;
    public DateTimeOffset? LastBrokerContact => null;
    public string? LastError => null;
    public IReadOnlyCollection<int> AssignedPartitions => [];
    public IReadOnlyDictionary<int, long> CommittedOffsets => new Dictionary<int, long>();
    public Task Started => Task.CompletedTask;

    public void Start()
    {
        _ = (settings, options, dispatcher, services);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

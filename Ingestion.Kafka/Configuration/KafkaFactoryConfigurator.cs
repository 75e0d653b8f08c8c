using MassTransit;
using MassTransit.Observables;

namespace Ingestion.Kafka.Configuration;

internal sealed class KafkaFactoryConfigurator(KafkaOptions options) : IKafkaFactoryConfigurator
{
    private readonly List<TopicEndpointDefinition> endpoints = [];
    private readonly List<Action<ISendPipeConfigurator>> configureSend = [];

    /// <summary>The settings in effect: bound from the <c>Kafka</c> section unless <c>Host</c> changed them.</summary>
    public KafkaOptions Options { get; private set; } = options;

    public IReadOnlyList<TopicEndpointDefinition> Endpoints => endpoints;

    /// <summary>Rider-level send configuration, applied to every producer after the bus's.</summary>
    public IReadOnlyList<Action<ISendPipeConfigurator>> SendConfigurators => configureSend;

    public SendObservable SendObservers { get; } = new();

    public ConnectHandle ConnectSendObserver(ISendObserver observer) => SendObservers.Connect(observer);

    public void ConfigureSend(Action<ISendPipeConfigurator> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        configureSend.Add(callback);
    }

    public void Host(string bootstrapServers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bootstrapServers);
        Options.BootstrapServers = bootstrapServers;
    }

    public void Host(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Clone();
    }

    public void TopicEndpoint<T>(string topic, string groupId, Action<IKafkaTopicReceiveEndpointConfigurator> configure)
        where T : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        ArgumentNullException.ThrowIfNull(configure);
        if (endpoints.Any(e => e.Topic == topic && e.GroupId == groupId))
            throw new ArgumentException($"Topic endpoint '{topic}' in group '{groupId}' is configured twice.", nameof(topic));
        endpoints.Add(new TopicEndpointDefinition(topic, groupId, typeof(T), configure));
    }
}

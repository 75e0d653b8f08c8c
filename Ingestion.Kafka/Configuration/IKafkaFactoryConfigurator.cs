namespace MassTransit;

/// <summary>
/// What <c>rider.UsingKafka((context, k) =&gt; ...)</c> configures: the host, the topic endpoints, and send filters
/// (<c>k.UseSendFilter(...)</c>, <c>k.ConfigureSend(...)</c>) and send observers (<c>k.ConnectSendObserver(...)</c>) for
/// every producer of the rider. The settings as one <c>KafkaOptions</c> (<c>k.Host(options)</c>) are our extension in
/// <c>Ingestion.Kafka.Configuration</c>.
/// </summary>
public interface IKafkaFactoryConfigurator : ISendObserverConnector, ISendPipelineConfigurator
{
    /// <summary>Connects to <paramref name="bootstrapServers"/> (a comma-separated <c>host:port</c> list).</summary>
    void Host(string bootstrapServers);

    /// <summary>
    /// Consumes <paramref name="topic"/> in consumer group <paramref name="groupId"/> through MassTransit's consume pipeline;
    /// <paramref name="configure"/> adds consumers (<c>e.ConfigureConsumer&lt;T&gt;(context)</c>), middleware and the Kafka settings.
    /// </summary>
    void TopicEndpoint<T>(string topic, string groupId, Action<IKafkaTopicReceiveEndpointConfigurator> configure)
        where T : class;
}

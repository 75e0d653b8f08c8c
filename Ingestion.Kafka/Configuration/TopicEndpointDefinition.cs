using MassTransit;

namespace Ingestion.Kafka.Configuration;

internal sealed record TopicEndpointDefinition(
    string Topic, string GroupId, Type MessageType, Action<IKafkaTopicReceiveEndpointConfigurator> Configure);

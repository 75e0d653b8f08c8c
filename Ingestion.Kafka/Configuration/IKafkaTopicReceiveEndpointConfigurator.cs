using MassTransit;

namespace Ingestion.Kafka;

/// <summary>
/// A topic endpoint: a MassTransit receive endpoint (consumers, definitions, UseMessageRetry, filters and observers all apply)
/// fed by a Kafka consumer, plus the Kafka settings below.
/// </summary>
public interface IKafkaTopicReceiveEndpointConfigurator : IReceiveEndpointConfigurator
{
    /// <summary>The topic consumed.</summary>
    string Topic { get; }

    /// <summary>The consumer group.</summary>
    string GroupId { get; }

    /// <summary>Kafka settings of this endpoint (concurrency, checkpoints, redelivery, dead-lettering).</summary>
    KafkaTopicEndpointSettings Kafka { get; }
}

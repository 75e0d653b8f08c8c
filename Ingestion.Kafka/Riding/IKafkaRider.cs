using Ingestion.Kafka.Configuration;
using MassTransit.Transports;

namespace Ingestion.Kafka.Riding;

/// <summary>The Kafka rider connected to the bus: its settings and its topic endpoints.</summary>
public interface IKafkaRider : IRider
{
    /// <summary>The connection settings in effect.</summary>
    KafkaOptions Options { get; }

    /// <summary>The topic endpoints, in the order they were configured.</summary>
    IReadOnlyList<IKafkaTopicEndpoint> Endpoints { get; }
}

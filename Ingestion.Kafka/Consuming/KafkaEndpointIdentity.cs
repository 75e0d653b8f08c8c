using Ingestion.Kafka.DeadLettering;

namespace Ingestion.Kafka.Consuming;

/// <summary>Which endpoint a record came through, and the producer that dead-letters its records.</summary>
internal sealed record KafkaEndpointIdentity(string Topic, string GroupId, string DeadLetterTopic)
{
    public KafkaDeadLetterProducer? DeadLetters { get; init; }
}

namespace Ingestion.Kafka;

/// <summary>Which endpoint a record came through, for the dead-letter producer.</summary>
internal sealed record KafkaEndpointIdentity(string Topic, string GroupId, string DeadLetterTopic);

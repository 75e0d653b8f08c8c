namespace Ingestion.Kafka.Provisioning;

/// <summary>A topic as it should exist.</summary>
/// <param name="Name">The topic name.</param>
/// <param name="Partitions">Partitions to create it with (an existing topic is never repartitioned: that would move keys).</param>
/// <param name="ReplicationFactor">Replicas per partition; -1 takes the broker's default.</param>
/// <param name="Retention">How long records are kept (retention.ms); null takes the broker's default.</param>
public sealed record TopicDefinition(string Name, int Partitions, short ReplicationFactor = -1, TimeSpan? Retention = null);

namespace Ingestion.Kafka.Provisioning;

/// <summary>What <see cref="TopicProvisioner.EnsureAsync"/> found or did for one topic.</summary>
/// <param name="Topic">The topic name.</param>
/// <param name="Created">True when it was created now, false when it already existed (and was left as it is).</param>
/// <param name="Partitions">The partitions it has now.</param>
/// <param name="Note">A difference from the definition worth telling the operator (for example fewer partitions), or null.</param>
public sealed record TopicEnsureResult(string Topic, bool Created, int Partitions, string? Note = null);

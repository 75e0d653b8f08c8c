using Confluent.Kafka;

namespace Ingestion.Kafka.Provisioning;

/// <summary>Topic metadata look-ups that treat a missing topic as missing (not as an empty topic).</summary>
public static class TopicLookup
{
    /// <summary>The topic's metadata, or null when it does not exist.</summary>
    public static Confluent.Kafka.TopicMetadata? Find(IAdminClient admin, string topic, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var metadata = admin.GetMetadata(topic, timeout).Topics.SingleOrDefault(candidate => candidate.Topic == topic);
        if (metadata is null || metadata.Error.Code == ErrorCode.UnknownTopicOrPart || metadata.Partitions.Count == 0)
            return null;
        if (metadata.Error.IsError)
            throw new KafkaException(metadata.Error);
        return metadata;
    }

    /// <summary>The topic's partition numbers in order; throws <see cref="TopicNotFoundException"/> when it does not exist.</summary>
    public static IReadOnlyList<int> Partitions(IAdminClient admin, string topic, TimeSpan timeout) =>
        (Find(admin, topic, timeout) ?? throw new TopicNotFoundException(topic))
        .Partitions.Select(partition => partition.PartitionId).Order().ToList();
}

using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>Commits offsets for the group (the Kafka consumer; a fake in unit tests). Throws <see cref="KafkaException"/> on failure.</summary>
internal interface IOffsetCommitter
{
    void Commit(IReadOnlyList<TopicPartitionOffset> offsets);
}

using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>What partition tracking asks of the Kafka consumer: pause, resume, seek and the high watermark.</summary>
internal interface IPartitionClient
{
    void Pause(TopicPartition partition);

    void Resume(TopicPartition partition);

    void Seek(TopicPartitionOffset offset);

    /// <summary>The partition's high watermark as last fetched (negative when unknown).</summary>
    long HighWatermark(TopicPartition partition);
}

using System.Collections.Concurrent;
using Confluent.Kafka;
using Ingestion.Kafka.Consuming;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>Records what partition tracking asked of the Kafka consumer.</summary>
internal sealed class FakePartitionClient : IPartitionClient
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public void Pause(TopicPartition partition) => Calls.Enqueue($"pause {partition.Partition.Value}");

    public void Resume(TopicPartition partition) => Calls.Enqueue($"resume {partition.Partition.Value}");

    public void Seek(TopicPartitionOffset offset) => Calls.Enqueue($"seek {offset.Partition.Value}@{offset.Offset.Value}");

    public long HighWatermark(TopicPartition partition) => -1;
}

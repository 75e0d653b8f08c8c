using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>Records and telemetry for the consumer core's unit tests (no broker).</summary>
internal static class CoreRecords
{
    public static readonly EndpointTelemetry Telemetry = new("t", "g", NullLogger.Instance);

    public static ConsumeResult<byte[]?, byte[]> Record(long offset, int partition = 0) =>
        new() { TopicPartitionOffset = new TopicPartitionOffset("t", partition, offset), Message = new Message<byte[]?, byte[]> { Value = [] } };

    public static List<ConsumeResult<byte[]?, byte[]>> Records(int count) => [.. Enumerable.Range(0, count).Select(i => Record(i))];
}

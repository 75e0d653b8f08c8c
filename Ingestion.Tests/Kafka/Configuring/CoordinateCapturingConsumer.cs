using System.Collections.Concurrent;
using Ingestion.Contracts;
using MassTransit;

namespace Ingestion.Tests.Kafka.Configuring;

/// <summary>Records each message's partition, offset and key through MassTransit.Kafka's context extensions.</summary>
public sealed class CoordinateCapturingConsumer(ConcurrentQueue<(int? Partition, long? Offset, long Key)> seen) : IConsumer<MetricRecorded>
{
    public Task Consume(ConsumeContext<MetricRecorded> context)
    {
        seen.Enqueue((context.Partition(), context.Offset(), context.GetKey<long>()));
        return Task.CompletedTask;
    }
}

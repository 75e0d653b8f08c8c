using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Consuming;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Buffering_fetched_records
{
    [Test]
    public async Task Holds_no_more_than_the_endpoint_buffer_limit_while_the_consumer_is_blocked_and_loses_nothing()
    {
        const int partitions = 3, perPartition = 400, limit = 60;
        var topic = TestInfrastructure.CreateTopic("buffering", partitions);
        for (var partition = 0; partition < partitions; partition++)
        {
            var p = partition;
            KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, perPartition)
                .Select(i => ((string?)null, KafkaProbe.Json($$"""{"name":"m_{{p}}_{{i}}","value":{{i}}}"""), (Confluent.Kafka.Headers?)null)), partition);
        }

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumed = new ConsumedMessages { Behavior = (_, _) => release.Task };
        await using var host = await RiderTestHost.StartCollectingAsync(topic, $"group-{Guid.NewGuid():N}", consumed, kafka =>
        {
            // Each partition pauses at 30, so the three together could hold 90: the endpoint-wide limit stops at 60.
            kafka.SetPartitionBufferLimit(limit / 2);
            kafka.SetEndpointBufferLimit(limit);
        });
        var endpoint = (KafkaTopicEndpoint)host.Endpoint();

        await Eventually.Until(() => endpoint.BufferedRecords >= limit, TimeSpan.FromSeconds(20), "the endpoint filled its buffer");
        await Task.Delay(TimeSpan.FromSeconds(1));
        // One record more per keep-alive poll at most (every 5 s), so the rebalance protocol keeps running.
        Assert.That(endpoint.BufferedRecords, Is.InRange(limit, limit + 1), "records held in memory while every consumer is blocked");

        release.SetResult();
        await Eventually.Until(() => consumed.Messages.Count >= partitions * perPartition, TimeSpan.FromSeconds(30), "every record was consumed");
        var offsets = consumed.Messages.GroupBy(m => m.Partition).ToDictionary(g => g.Key, g => g.Select(m => m.Offset).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Messages, Has.Count.EqualTo(partitions * perPartition));
            foreach (var (_, partitionOffsets) in offsets)
                Assert.That(partitionOffsets, Is.EqualTo(Enumerable.Range(0, perPartition).Select(i => (long)i)), "each partition in order, each record once");
        });
    }
}

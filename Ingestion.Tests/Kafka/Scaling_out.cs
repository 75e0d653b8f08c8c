using Ingestion.Contracts;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Scaling_out
{
    [Test]
    public async Task Keeps_each_key_in_order_while_partitions_are_processed_in_parallel()
    {
        var topic = TestInfrastructure.CreateTopic("order", partitions: 4);
        var group = $"group-{Guid.NewGuid():N}";
        var inFlight = 0;
        var maxInFlight = 0;
        var consumed = new ConsumedMessages
        {
            Behavior = async (_, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Delay(1);
                Interlocked.Decrement(ref inFlight);
            },
        };
        await using var host = await StartAsync(topic, group, consumed);
        KafkaProbe.ProduceRaw(topic, Checkpointing.Metrics(0, 1_000));

        await Eventually.Until(() => consumed.Messages.Count == 1_000, TimeSpan.FromSeconds(30), "1000 messages were consumed");
        var perKey = consumed.Messages.GroupBy(m => m.Key).ToDictionary(g => g.Key!, g => g.Select(m => m.Message.Value).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(perKey, Has.Count.EqualTo(5));
            foreach (var (key, values) in perKey)
                Assert.That(values, Is.Ordered, $"key {key} in order");
            Assert.That(maxInFlight, Is.GreaterThan(1), "partitions were processed concurrently");
        });
    }

    [Test]
    public async Task Two_members_of_one_group_split_the_partitions_and_the_survivor_takes_over_without_loss()
    {
        var topic = TestInfrastructure.CreateTopic("group", partitions: 4);
        var group = $"group-{Guid.NewGuid():N}";
        var first = await StartAsync(topic, group);
        await using var second = await StartAsync(topic, group);
        await Eventually.Until(() => first.Endpoint().AssignedPartitions.Count > 0 && second.Endpoint().AssignedPartitions.Count > 0
            && first.Endpoint().AssignedPartitions.Count + second.Endpoint().AssignedPartitions.Count == 4,
            TimeSpan.FromSeconds(20), "both members were assigned partitions");
        var split = (first.Endpoint().AssignedPartitions.Count, second.Endpoint().AssignedPartitions.Count);

        KafkaProbe.ProduceRaw(topic, Checkpointing.Metrics(0, 200));
        await Eventually.Until(() => first.Consumed.Messages.Count + second.Consumed.Messages.Count == 200, TimeSpan.FromSeconds(20), "200 consumed");
        // The embedded broker refuses commits while a rebalance is in progress (real Kafka accepts the revoke commit), so
        // wait for the periodic commits before the hand-over; records completed but not committed would come again.
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 4) == 200, TimeSpan.FromSeconds(10), "200 committed");
        var firstShare = first.Consumed.Messages.Count;
        await first.DisposeAsync();
        await Eventually.Until(() => second.Endpoint().AssignedPartitions.Count == 4, TimeSpan.FromSeconds(20), "the survivor took every partition");

        KafkaProbe.ProduceRaw(topic, Checkpointing.Metrics(200, 200));
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 4) == 400, TimeSpan.FromSeconds(20), "all 400 committed");
        var all = first.Consumed.Messages.Concat(second.Consumed.Messages).Select(m => m.Message.Value).ToList();
        foreach (var d in first.Consumed.Messages.Concat(second.Consumed.Messages).GroupBy(m => m.Message.Value).Where(g => g.Count() > 1).Take(10))
            TestContext.Out.WriteLine("duplicate: " + string.Join(" | ", d.Select(m => $"{m.Partition}@{m.Offset} first={first.Consumed.Messages.Contains(m)}")));
        Assert.Multiple(() =>
        {
            Assert.That(split.Item1 + split.Item2, Is.EqualTo(4));
            Assert.That(firstShare, Is.GreaterThan(0), "the first member did consume its share");
            Assert.That(all.Distinct().Order(), Is.EqualTo(Enumerable.Range(0, 400).Select(i => (double)i)), "no loss");
            Assert.That(all, Has.Count.EqualTo(400), "no duplicates after a graceful hand-over");
        });
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static Task<RiderTestHost> StartAsync(string topic, string group, ConsumedMessages? consumed = null) =>
        RiderTestHost.StartCollectingAsync(topic, group, consumed);
}

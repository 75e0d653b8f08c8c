using System.Collections.Concurrent;
using Confluent.Kafka;
using Ingestion.Kafka.Embedded;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Foundation;

[TestFixture]
public sealed class The_embedded_broker
{
    [Test]
    public async Task Carries_records_over_tcp_to_two_consumers_that_share_the_partitions()
    {
        var topic = TestInfrastructure.CreateTopic("foundation", partitions: 4);
        var group = $"group-{Guid.NewGuid():N}";
        const int count = 400;
        var received = new ConcurrentDictionary<string, int>();
        var assigned = new ConcurrentDictionary<int, int[]>();
        var partitionsByConsumer = new ConcurrentDictionary<int, HashSet<int>>();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        Task Consume(int consumerIndex) => Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
                GroupId = group,
                AutoOffsetReset = AutoOffsetReset.Earliest,
                EnableAutoCommit = false,
                SessionTimeoutMs = 6000,
                HeartbeatIntervalMs = 500,
            })
            .SetPartitionsAssignedHandler((_, partitions) => assigned[consumerIndex] = [.. partitions.Select(p => p.Partition.Value)])
            .SetPartitionsRevokedHandler((_, _) => assigned.TryRemove(consumerIndex, out _))
            .Build();
            consumer.Subscribe(topic);
            var mine = partitionsByConsumer.GetOrAdd(consumerIndex, _ => []);
            while (!cancellation.IsCancellationRequested && received.Count < count)
            {
                var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (result is null) continue;
                received.TryAdd(result.Message.Value, consumerIndex);
                lock (mine) mine.Add(result.Partition.Value);
                consumer.Commit(result);
            }
            consumer.Close();
        });

        var consumers = Task.WhenAll(Consume(0), Consume(1));
        while (!(assigned.Count == 2 && assigned.Values.All(p => p.Length > 0)) && !cancellation.IsCancellationRequested)
            await Task.Delay(50);
        Assert.That(assigned.Values.Sum(p => p.Length), Is.EqualTo(4), "both members were assigned before producing");

        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
        }).Build())
        {
            for (var i = 0; i < count; i++)
                producer.Produce(topic, new Message<string, string> { Key = $"key-{i}", Value = $"value-{i}" });
            Assert.That(producer.Flush(TimeSpan.FromSeconds(30)), Is.Zero, "every record acknowledged");
        }

        await consumers;

        Assert.Multiple(() =>
        {
            Assert.That(received, Has.Count.EqualTo(count), "every record consumed once");
            Assert.That(partitionsByConsumer.Values.Count(p => p.Count > 0), Is.EqualTo(2), "both consumers received records");
            Assert.That(partitionsByConsumer[0].Intersect(partitionsByConsumer[1]), Is.Empty, "no partition shared between members");
        });
    }

    [Test]
    public void Refuses_connections_while_its_brokers_are_down()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("down-test", 1);
        broker.SetAllBrokersDown();
        using var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            MessageTimeoutMs = 1500,
        }).Build();

        var error = Assert.ThrowsAsync<ProduceException<Null, string>>(() =>
            producer.ProduceAsync("down-test", new Message<Null, string> { Value = "x" }));
        Assert.That(error!.Error.Code, Is.EqualTo(ErrorCode.Local_MsgTimedOut));
    }
}

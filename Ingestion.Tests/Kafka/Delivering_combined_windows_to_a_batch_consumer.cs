using Headers = Confluent.Kafka.Headers;
using Ingestion.Contracts;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Consuming;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;

namespace Ingestion.Tests.Kafka;

/// <summary>
/// Against the embedded broker: while the only dispatch slot is busy, the windows of other partitions wait and then reach
/// the batch consumer as one <c>Batch&lt;T&gt;</c>; a failure in it is settled per partition.
/// </summary>
[TestFixture]
public sealed class Delivering_combined_windows_to_a_batch_consumer
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Hands_over_the_windows_that_waited_for_a_busy_slot_as_one_batch_of_several_partitions_each_in_offset_order()
    {
        var (topic, group, consumed, release) = Prepare("combined-windows");
        await using var host = await StartAsync(topic, group, consumed, combine: true);

        await HoldTheSlotWhileTwoPartitionsQueueAsync(host, topic, release, poisonOffset: null);
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 3) == 7, Patience, "every offset was committed");

        var batches = consumed.Batches.ToList();
        Assert.Multiple(() =>
        {
            var texts = batches.Select(b => string.Join(' ', b.Select(r => $"{r.Partition}@{r.Offset}"))).ToList();
            Assert.That(texts, Has.Count.EqualTo(2));
            Assert.That(texts[0], Is.EqualTo("0@0"));
            // The two windows go in the order they were submitted, each whole and in offset order.
            Assert.That(texts[^1], Is.AnyOf("1@0 1@1 1@2 2@0 2@1 2@2", "2@0 2@1 2@2 1@0 1@1 1@2"), "one batch for both waiting windows");
            Assert.That(consumed.Messages.All(m => m.Message.Value == m.Partition * 1000 + m.Offset), Is.True,
                "each member reports the coordinates of its own record");
        });
    }

    [Test]
    public async Task Keeps_one_partition_per_batch_when_combining_is_turned_off()
    {
        var (topic, group, consumed, release) = Prepare("uncombined-windows");
        await using var host = await StartAsync(topic, group, consumed, combine: false);

        await HoldTheSlotWhileTwoPartitionsQueueAsync(host, topic, release, poisonOffset: null);
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 3) == 7, Patience, "every offset was committed");

        Assert.That(consumed.Batches, Has.All.Matches<IReadOnlyList<KafkaRecordContext>>(b => b.All(r => r.Partition == b[0].Partition)));
    }

    [Test]
    public async Task Dead_letters_a_poison_record_of_a_combined_batch_with_its_own_partition_and_completes_the_other_partition_once()
    {
        var (topic, group, consumed, release) = Prepare("combined-poison");
        var dlq = DeadLetters.CreateTopicFor(topic);
        var hold = consumed.Behavior!;
        consumed.Behavior = (m, attempt) => m.Name == "poison" ? throw new InvalidOperationException("violates a constraint") : hold(m, attempt);
        await using var host = await StartAsync(topic, group, consumed, combine: true);

        await HoldTheSlotWhileTwoPartitionsQueueAsync(host, topic, release, poisonOffset: 1);
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 3) == 7, Patience, "every offset was committed");

        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(records.Select(r => (r.Record.Partition, r.Record.Offset, r.Record.Attempts)), Is.EqualTo(new[] { (1, 1L, 1) }));
            Assert.That(consumed.Messages.Select(m => $"{m.Partition}@{m.Offset}").Order(),
                Is.EqualTo(new[] { "0@0", "1@0", "1@2", "2@0", "2@1", "2@2" }), "every other record once");
        });
    }

    private static (string Topic, string Group, ConsumedMessages Consumed, Holding Release) Prepare(string name)
    {
        var topic = TestInfrastructure.CreateTopic(name, partitions: 3);
        var holding = new Holding();
        var consumed = new ConsumedMessages { Behavior = (m, _) => m.Name == "hold" ? holding.HoldAsync() : Task.CompletedTask };
        return (topic, $"group-{Guid.NewGuid():N}", consumed, holding);
    }

    /// <summary>Partition 0's one-record window takes the only slot and stays busy until 3 records each of partitions 1 and 2 wait.</summary>
    private static async Task HoldTheSlotWhileTwoPartitionsQueueAsync(RiderTestHost host, string topic, Holding release, long? poisonOffset)
    {
        var endpoint = (KafkaTopicEndpoint)host.Endpoint();
        KafkaProbe.ProduceRaw(topic, [("k", KafkaProbe.Json("""{"name":"hold","value":0}"""), null)], partition: 0);
        await release.Held.WaitAsync(Patience);
        for (var partition = 1; partition < 3; partition++)
        {
            var p = partition;
            KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 3).Select(i => ((string?)"k",
                KafkaProbe.Json($$"""{"name":"{{(p == 1 && i == poisonOffset ? "poison" : "m")}}","value":{{p * 1000 + i}}}"""), (Headers?)null)), partition);
        }
        await Eventually.Until(() => endpoint.BufferedRecords == 6, Patience, "both partitions' windows wait for the slot");
        release.Release();
    }

    private static Task<RiderTestHost> StartAsync(string topic, string group, ConsumedMessages consumed, bool combine) =>
        RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingBatchConsumer, CollectingBatchConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureBatchConsumer<CollectingBatchConsumer, MetricRecorded>(context);
                e.SetWindowSize(100);
                e.SetConcurrentPartitionLimit(1);
                e.SetWindowCombining(combine);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        }, consumed);

    /// <summary>The consumer holds the batch with the "hold" record until released.</summary>
    private sealed class Holding
    {
        private readonly TaskCompletionSource held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Held => held.Task;

        public Task HoldAsync()
        {
            held.TrySetResult();
            return release.Task;
        }

        public void Release() => release.TrySetResult();
    }
}

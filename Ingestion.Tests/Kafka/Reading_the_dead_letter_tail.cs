using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.DeadLettering.Reading;
using Ingestion.Kafka.Provisioning;
using Ingestion.Tests.EndToEnd;
using Ingestion.Tests.Ops;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Kafka;

/// <summary>The tail reader behind /api/v1/ops/dlq, against the embedded broker.</summary>
[TestFixture]
public sealed class Reading_the_dead_letter_tail
{
    private static DeadLetterTailReader Reader => new(new ClientConfig { BootstrapServers = TestInfrastructure.Kafka.BootstrapServers });

    [Test, CancelAfter(60_000)]
    public async Task Returns_the_newest_records_across_partitions_newest_first_and_the_depth_of_the_topic(CancellationToken cancellationToken)
    {
        var topic = await DeadLetterSamples.CreateTopicAsync();

        var tail = await Reader.ReadAsync(topic, 3, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(tail.Depth, Is.EqualTo(5));
            Assert.That(tail.Latest.Select(e => $"{e.Partition}:{e.Offset}"), Is.EqualTo(new[] { "1:1", "1:0", "0:2" }));
            Assert.That(tail.Latest[0].Record!.Error, Is.EqualTo("Timestamp: too old"));
            Assert.That(tail.Latest[0].DeadLetteredAt, Is.EqualTo(DeadLetterSamples.Start.AddMinutes(4)));
        });
    }

    [Test, CancelAfter(60_000)]
    public async Task Reads_only_the_depth_when_asked_for_no_records(CancellationToken cancellationToken)
    {
        var topic = await DeadLetterSamples.CreateTopicAsync();

        var tail = await Reader.ReadAsync(topic, 0, cancellationToken);

        Assert.That(tail.Depth, Is.EqualTo(5));
        Assert.That(tail.Latest, Is.Empty);
    }

    [Test, CancelAfter(60_000)]
    public async Task Keeps_a_value_that_is_not_a_dlq_record_with_the_reason_it_could_not_be_read(CancellationToken cancellationToken)
    {
        var topic = TestInfrastructure.CreateTopic("dlq-tail-garbage", partitions: 1);
        await PlainProducer.ProduceAsync(topic, [PlainProducer.Value(Encoding.UTF8.GetBytes("not a dlq record"))]);

        var tail = await Reader.ReadAsync(topic, 10, cancellationToken);

        Assert.That(tail.Latest, Has.Count.EqualTo(1));
        Assert.That(tail.Latest[0].Record, Is.Null);
        Assert.That(tail.Latest[0].ReadError, Does.StartWith("the value is not a DLQ record"));
    }

    [Test]
    public void Says_when_the_topic_does_not_exist()
    {
        Assert.ThrowsAsync<TopicNotFoundException>(() => Reader.ReadAsync($"no-such-dlq-{Guid.NewGuid():N}", 5));
    }
}

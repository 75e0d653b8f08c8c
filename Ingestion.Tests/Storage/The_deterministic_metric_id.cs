using Ingestion.Storage.Writing;

namespace Ingestion.Tests.Storage;

public sealed class The_deterministic_metric_id
{
    private static readonly byte[] Key = "k1"u8.ToArray();
    private static readonly byte[] Value = """{"name":"cpu","value":1}"""u8.ToArray();

    private static Guid Id(string topic = "metrics", int partition = 0, long offset = 0, long timestamp = 1_700_000_000_000,
        byte[]? key = null, byte[]? value = null, bool hasKey = true) =>
        DeterministicMetricId.For(topic, partition, offset, timestamp, key ?? Key, value ?? Value, hasKey);

    [Test]
    public void Is_the_same_for_a_redelivery_of_the_same_record()
    {
        var first = Id(partition: 3, offset: 42);
        var redelivered = Id(partition: 3, offset: 42);

        Assert.That(redelivered, Is.EqualTo(first));
    }

    [Test]
    public void Differs_for_a_different_record_at_the_same_offset()
    {
        Guid[] ids =
        [
            Id(),
            Id(timestamp: 1_700_000_000_001),
            Id(value: """{"name":"cpu","value":2}"""u8.ToArray()),
            Id(key: "k2"u8.ToArray()),
            Id(key: [], hasKey: false),
            Id(key: [], hasKey: true),
            // The boundary between key and value counts: "k1" + "x" is not "k" + "1x".
            Id(key: "k"u8.ToArray(), value: "1x"u8.ToArray()),
            Id(key: "k1"u8.ToArray(), value: "x"u8.ToArray()),
        ];

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Differs_by_topic_partition_and_offset()
    {
        Guid[] ids = [Id(offset: 1), Id(partition: 1), Id(), Id(topic: "metrics2", offset: 1), Id(topic: "metric", offset: 1)];

        Assert.That(ids, Is.Unique);
    }

    [Test]
    public void Is_a_version_5_RFC_variant_uuid()
    {
        var text = Id(partition: 7, offset: 123_456_789).ToString();

        Assert.Multiple(() =>
        {
            Assert.That(text[14], Is.EqualTo('5'));
            Assert.That(text[19], Is.AnyOf('8', '9', 'a', 'b'));
        });
    }

    [Test]
    public void Is_stable_across_releases()
    {
        // Pinned (cross-checked with Python: uuid5-style SHA-1 over the namespace bytes + b"metrics/" + big-endian int32 partition,
        // int64 offset, int64 timestamp, int32 key length, int32 value length, then key and value): changing the namespace
        // or the layout would give redelivered records new ids, i.e. duplicates.
        Assert.That(Id(), Is.EqualTo(new Guid(PinnedId)));
    }

    private const string PinnedId = "cdfeb045-465f-5466-b1de-de6f5382e0c8";
}

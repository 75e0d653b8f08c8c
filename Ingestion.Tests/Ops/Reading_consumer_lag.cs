using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Reading_consumer_lag
{
    [Test]
    public async Task Matches_the_offsets_produced_and_committed()
    {
        var topic = TestInfrastructure.CreateTopic("ops-lag", partitions: 3);
        var group = $"lag-{Guid.NewGuid():N}";
        for (var i = 0; i < 5; i++) await TestKafka.ProduceAsync(topic, 0, null, Encoding.UTF8.GetBytes($"a{i}"));
        for (var i = 0; i < 3; i++) await TestKafka.ProduceAsync(topic, 1, null, Encoding.UTF8.GetBytes($"b{i}"));
        await TestKafka.ProduceAsync(topic, 2, null, "c"u8.ToArray());
        TestKafka.Commit(group, new TopicPartitionOffset(topic, 0, 2), new TopicPartitionOffset(topic, 1, 3));

        var result = await OpsTool.For().RunAsync("lag", "--group", group, "--topic", topic, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var lag = JsonDocument.Parse(result.Output).RootElement;
        var partitions = lag.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(partitions.Select(p => p.GetProperty("high_watermark").GetInt64()), Is.EqualTo(new long[] { 5, 3, 1 }));
            Assert.That(partitions[0].GetProperty("committed_offset").GetInt64(), Is.EqualTo(2));
            Assert.That(partitions[2].GetProperty("committed_offset").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(partitions.Select(p => p.GetProperty("lag").GetInt64()), Is.EqualTo(new long[] { 3, 0, 1 }));
            Assert.That(lag.GetProperty("total_lag").GetInt64(), Is.EqualTo(4));
            Assert.That(result.Error, Is.Empty, "no truncation warning");
        });
    }

    [Test]
    public async Task Shows_a_table_with_totals()
    {
        var topic = TestInfrastructure.CreateTopic("ops-lag-table", partitions: 2);
        await TestKafka.ProduceAsync(topic, 1, null, "x"u8.ToArray());

        var result = await OpsTool.For().RunAsync("lag", "--group", "nobody", "--topic", topic);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("group nobody on").And.Contain("total"));
    }

    [Test]
    public async Task Warns_loudly_when_the_broker_dropped_records_the_group_had_not_consumed()
    {
        // The embedded broker keeps 5 MiB per partition: seven 900 KB records push the first ones out.
        var topic = TestInfrastructure.CreateTopic("ops-lag-truncated", partitions: 1);
        var group = $"lag-{Guid.NewGuid():N}";
        var big = new byte[900_000];
        for (var i = 0; i < 7; i++) await TestKafka.ProduceAsync(topic, 0, null, big);
        TestKafka.Commit(group, new TopicPartitionOffset(topic, 0, 0));

        var result = await OpsTool.For().RunAsync("lag", "--group", group, "--topic", topic, "--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var partition = JsonDocument.Parse(result.Output).RootElement.GetProperty("partitions")[0];
        var low = partition.GetProperty("low_watermark").GetInt64();
        Assert.That(low, Is.GreaterThan(0), "the broker dropped the oldest records");
        Assert.That(partition.GetProperty("truncated_records").GetInt64(), Is.EqualTo(low));
        Assert.That(partition.GetProperty("lag").GetInt64(), Is.EqualTo(7 - low));
        Assert.That(result.Error, Does.Contain($"TRUNCATION on {topic} partition 0").And.Contain($"{low} records were dropped"));
    }

    [Test]
    public async Task Counts_what_the_broker_dropped_before_a_group_that_never_committed_when_the_topic_started_empty()
    {
        // ./ingest up's situation: the embedded broker's topics begin empty and the workers never got to commit (stopped).
        var topic = TestInfrastructure.CreateTopic("ops-lag-never-committed", partitions: 1);
        var big = new byte[900_000];
        for (var i = 0; i < 7; i++) await TestKafka.ProduceAsync(topic, 0, null, big);

        var plain = await OpsTool.For().RunAsync("lag", "--group", "never-committed", "--topic", topic, "--json");
        var fromZero = await OpsTool.For().RunAsync("lag", "--group", "never-committed", "--topic", topic, "--json", "--group-starts-at-zero");

        Assert.That(fromZero.ExitCode, Is.EqualTo(0), fromZero.ToString());
        var partition = JsonDocument.Parse(fromZero.Output).RootElement.GetProperty("partitions")[0];
        var low = partition.GetProperty("low_watermark").GetInt64();
        Assert.Multiple(() =>
        {
            Assert.That(low, Is.GreaterThan(0), "the broker dropped the oldest records");
            Assert.That(partition.GetProperty("committed_offset").ValueKind, Is.EqualTo(JsonValueKind.Null), "still shown as never committed");
            Assert.That(partition.GetProperty("truncated_records").GetInt64(), Is.EqualTo(low));
            Assert.That(fromZero.Error, Does.Contain($"TRUNCATION on {topic} partition 0").And.Contain($"{low} records were dropped"));
            Assert.That(JsonDocument.Parse(plain.Output).RootElement.GetProperty("total_truncated").GetInt64(), Is.Zero,
                "without the option a group that never committed may simply have started later (Kafka's retention)");
        });
    }

    [Test]
    public async Task Fails_with_one_sentence_when_the_broker_is_unreachable()
    {
        var result = await OpsTool.For().RunAsync("lag", "--bootstrap-servers", "127.0.0.1:1");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.StartWith("error: Could not reach Kafka at 127.0.0.1:1"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }
}

using System.Text;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Tests.Kafka;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

/// <summary>
/// A DLQ written by the rider's own record factory: 0:0 a metric whose name, key and error carry ESC, OSC, BEL and C1
/// sequences; 0:1 an original of 1.5 MB that had to be truncated.
/// </summary>
[TestFixture]
public sealed class Dead_letters_from_hostile_or_oversized_records
{
    private const string Hostile = "\u001b]0;PWNED\u0007\u001b[2J\u009b31m\u007f";
    private string topic = "";

    [OneTimeSetUp]
    public async Task Write_the_records()
    {
        topic = TestInfrastructure.CreateTopic("ops-hostile", partitions: 1);
        var hostile = DeadLetterRecordFactory.Create(
            The_dead_letter_record.Context(Encoding.UTF8.GetBytes($$"""{"name":"{{Escaped(Hostile)}}","value":1}"""), null, Encoding.UTF8.GetBytes("key" + Hostile)),
            DeadLetterReasons.Validation, "name: bad " + Hostile, "MetricValidation", 1, 1_000_000);
        var oversized = DeadLetterRecordFactory.Create(
            The_dead_letter_record.Context(Encoding.ASCII.GetBytes(new string('A', 1_500_000)), null),
            DeadLetterReasons.Deserialization, "not JSON", "System.Text.Json.JsonException", 1, 1_000_000);
        await TestKafka.ProduceAsync(topic, 0, hostile.Key, hostile.Value, hostile.Headers);
        await TestKafka.ProduceAsync(topic, 0, oversized.Key, oversized.Value, oversized.Headers);
    }

    [TestCase("list")]
    [TestCase("show", "0:0")]
    [TestCase("replay", "--dry-run")]
    public async Task Prints_control_characters_of_a_record_escaped_never_raw(params string[] command)
    {
        var result = await OpsTool.For(deadLetterTopic: topic).RunAsync(["dlq", .. command]);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That((result.Output + result.Error).Where(c => c != '\n' && (c < ' ' || c is >= '\u007f' and <= '\u009f')), Is.Empty);
            Assert.That(result.Output, Does.Contain("\\u001b]0;PWNED\\u0007"));
        });
    }

    [Test]
    public async Task Shows_a_truncated_original_as_truncated_with_its_size_hash_and_where_the_whole_is()
    {
        var result = await OpsTool.For(deadLetterTopic: topic).RunAsync("dlq", "show", "0:1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("Original message, TRUNCATED: the first "));
            Assert.That(result.Output, Does.Contain("of 1500000 bytes (the whole original is on metrics 4:1234 until retention)"));
            Assert.That(result.Output, Does.Contain("1500000 bytes, sha256 "));
        });
    }

    [Test]
    public async Task Refuses_to_replay_a_truncated_record_and_says_where_the_original_is()
    {
        var metrics = TestInfrastructure.CreateTopic("ops-hostile-replayed", partitions: 1);
        var result = await OpsTool.For(metricsTopic: metrics, deadLetterTopic: topic).RunAsync("dlq", "replay", "--yes");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.Output, Does.Contain("the DLQ record holds only part of the original"));
            Assert.That(result.Output, Does.Contain("the whole original is on metrics 4:1234 until retention"));
            Assert.That(TestKafka.ReadAll(metrics, 1), Has.Count.EqualTo(1), "only the untruncated record was replayed");
        });
    }

    private static string Escaped(string text) => string.Concat(text.Select(c => $"\\u{(int)c:x4}"));
}

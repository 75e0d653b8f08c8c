using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Listing_the_dead_letter_topic
{
    private string topic = "";

    [OneTimeSetUp]
    public async Task Write_the_samples() => topic = await DeadLetterSamples.CreateTopicAsync();

    private Task<OpsResult> List(params string[] args) => OpsTool.For(deadLetterTopic: topic).RunAsync(["dlq", "list", .. args]);

    private static List<string> Positions(OpsResult result) => result.Lines
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Select(json => $"{json.GetProperty("dlq_partition").GetInt32()}:{json.GetProperty("dlq_offset").GetInt64()}")
        .ToList();

    [Test]
    public async Task Shows_every_record_as_a_table_row_with_reason_metric_and_original_position()
    {
        var result = await List();

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("5 of 5 records"));
        Assert.That(result.Output, Does.Contain("disk_io").And.Contain("exhausted").And.Contain("metrics 0:102"));
        Assert.That(result.Output, Does.Contain("'0xFF' is an invalid start of a value"));
    }

    [Test]
    public async Task Prints_one_json_object_per_line_with_the_record_fields()
    {
        var result = await List("--json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Positions(result), Is.EqualTo(new[] { "0:0", "0:1", "0:2", "1:0", "1:1" }));
        var first = JsonDocument.Parse(result.Lines[0]).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(first.GetProperty("reason").GetString(), Is.EqualTo("validation"));
            Assert.That(first.GetProperty("metric_name").GetString(), Is.EqualTo("cpu_usage"));
            Assert.That(first.GetProperty("original_offset").GetInt64(), Is.EqualTo(100));
            Assert.That(first.GetProperty("replay_state").GetString(), Is.EqualTo("pending"));
        });
    }

    [Test]
    public async Task Shows_the_original_key_in_the_table_and_in_json_so_operators_can_search_by_series()
    {
        var table = await List();
        var json = await List("--json");

        Assert.Multiple(() =>
        {
            Assert.That(table.Output, Does.Contain("metrics-key-3"));
            Assert.That(JsonDocument.Parse(json.Lines[0]).RootElement.GetProperty("original_key").GetString(), Is.EqualTo("metrics-key-1"));
        });
    }

    [TestCase("--reason", "validation", new[] { "0:0", "1:0", "1:1" })]
    [TestCase("--name", "cpu_usage", new[] { "0:0", "1:0" })]
    [TestCase("--error-contains", "INVALID START", new[] { "0:1" })]
    [TestCase("--limit", "2", new[] { "0:0", "0:1" })]
    public async Task Filters_by(string option, string value, string[] expected)
    {
        var result = await List("--json", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(Positions(result), Is.EqualTo(expected));
    }

    [Test]
    public async Task Filters_by_a_time_window_including_since_and_excluding_until()
    {
        var result = await List("--json", "--since", "2026-11-27T12:02:00Z", "--until", "2026-11-27T12:04:00Z");

        Assert.That(Positions(result), Is.EqualTo(new[] { "0:2", "1:0" }), result.ToString());
    }

    [Test]
    public async Task Says_so_and_exits_0_when_the_topic_is_empty()
    {
        var empty = TestInfrastructure.CreateTopic("ops-dlq-empty", partitions: 2);

        var result = await OpsTool.For(deadLetterTopic: empty).RunAsync("dlq", "list");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output.Trim(), Is.EqualTo($"The dead-letter topic {empty} is empty."));
    }

    [Test]
    public async Task Fails_with_one_sentence_when_the_topic_does_not_exist()
    {
        var result = await OpsTool.For(deadLetterTopic: "no-such-dlq").RunAsync("dlq", "list");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Error.Trim(), Does.StartWith("error: The dead-letter topic 'no-such-dlq' does not exist"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }
}

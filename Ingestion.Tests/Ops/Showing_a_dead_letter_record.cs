using System.Text.Json;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Showing_a_dead_letter_record
{
    private string topic = "";

    [OneTimeSetUp]
    public async Task Write_the_samples() => topic = await DeadLetterSamples.CreateTopicAsync();

    private Task<OpsResult> Show(params string[] args) => OpsTool.For(deadLetterTopic: topic).RunAsync(["dlq", "show", .. args]);

    [Test]
    public async Task Prints_the_envelope_headers_and_the_original_message_pretty_printed()
    {
        var result = await Show("0:0");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("Value: must be a finite number"));
            Assert.That(result.Output, Does.Contain("dlq-reason").And.Contain("content-type"));
            Assert.That(result.Output, Does.Contain("Original message (").And.Contain("JSON):"));
            Assert.That(result.Output, Does.Contain("\n  \"name\": \"cpu_usage\","), "indented JSON");
        });
    }

    [Test]
    public async Task Shows_bytes_that_are_not_utf8_as_base64()
    {
        var result = await Show("0:1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Output, Does.Contain("not UTF-8").And.Contain(Convert.ToBase64String(DeadLetterSamples.NotUtf8)));
    }

    [Test]
    public async Task Prints_the_whole_record_as_json()
    {
        var result = await Show("1:1", "--json");

        var document = JsonDocument.Parse(result.Output).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(document.GetProperty("dlq_partition").GetInt32(), Is.EqualTo(1));
            Assert.That(document.GetProperty("record").GetProperty("replay_count").GetInt32(), Is.EqualTo(1));
            Assert.That(document.GetProperty("headers").GetProperty("dlq-reason").GetString(), Is.EqualTo("validation"));
        });
    }

    [TestCase("abc")]
    [TestCase("1")]
    [TestCase("1:-3")]
    [TestCase("0:1:2")]
    public async Task Rejects_a_malformed_position_with_one_clear_sentence(string position)
    {
        var result = await Show(position);

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error.Trim(), Is.EqualTo(
            $"error: '{position}' is not a DLQ position: expected partition:offset with two non-negative whole numbers, for example 0:42."));
    }

    [Test]
    public async Task Says_which_offsets_exist_when_the_position_holds_no_record()
    {
        var result = await Show("0:99");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.Contain($"{topic} has no record at 0:99: partition 0 holds offsets 0 to 2."));
    }
}

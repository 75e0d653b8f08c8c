using System.Text.Json;
using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Producing;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class The_dead_letter_record
{
    [Test]
    public void Keeps_bytes_that_are_not_utf8_losslessly_and_leaves_the_parsed_message_empty()
    {
        byte[] value = [0xc3, 0x28, 0xff, 0x00];
        var record = Create(value);

        Assert.Multiple(() =>
        {
            Assert.That(record.OriginalMessage, Is.Null);
            Assert.That(Convert.FromBase64String(record.OriginalMessageBase64!), Is.EqualTo(value));
            Assert.That(record.OriginalTruncated, Is.False);
            Assert.That(record.OriginalSize, Is.EqualTo(4));
            Assert.That(record.OriginalSha256, Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(value))));
        });
    }

    [Test]
    public void Holds_text_that_is_not_json_as_a_string_and_json_as_json()
    {
        var text = Create(Encoding.UTF8.GetBytes("not json {"));
        var json = Create(Encoding.UTF8.GetBytes("""{"name":"cpu","value":1}"""));

        Assert.Multiple(() =>
        {
            Assert.That(text.OriginalMessage!.Value.ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(text.OriginalMessage!.Value.GetString(), Is.EqualTo("not json {"));
            Assert.That(json.OriginalMessage!.Value.GetProperty("name").GetString(), Is.EqualTo("cpu"));
            Assert.That(text.OriginalMessageBase64, Is.Null, "the original is kept once, never also as base64");
            Assert.That(json.OriginalMessageBase64, Is.Null, "the original is kept once, never also as base64");
        });
    }

    [Test]
    public void Keeps_json_nested_deeper_than_readers_accept_as_text_so_the_record_stays_readable()
    {
        var deep = new string('[', 64) + new string(']', 64);
        var message = DeadLetterRecordFactory.Create(Context(Encoding.UTF8.GetBytes(deep), null), DeadLetterReasons.Deserialization, "deep", null, 1, 1_000_000);
        var record = JsonSerializer.Deserialize<DeadLetterRecord>(message.Value)!;

        Assert.That(record.OriginalMessage!.Value.GetString(), Is.EqualTo(deep));
    }

    [Test]
    public void Carries_the_coordinates_the_reason_and_the_replay_count_in_snake_case()
    {
        var headers = new Headers
        {
            { KafkaHeaderNames.MessageId, Encoding.ASCII.GetBytes("0193a8f0-0000-7000-8000-000000000001") },
            { DeadLetterHeaders.ReplayCount, Encoding.ASCII.GetBytes("2") },
        };
        var message = DeadLetterRecordFactory.Create(Context(Encoding.UTF8.GetBytes("{}"), headers), DeadLetterReasons.Exhausted, "boom", "System.InvalidOperationException", 3, 1_000_000);
        using var json = JsonDocument.Parse(message.Value);
        var root = json.RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("reason").GetString(), Is.EqualTo("exhausted"));
            Assert.That(root.GetProperty("error").GetString(), Is.EqualTo("boom"));
            Assert.That(root.GetProperty("error_type").GetString(), Is.EqualTo("System.InvalidOperationException"));
            Assert.That(root.GetProperty("original_topic").GetString(), Is.EqualTo("metrics"));
            Assert.That(root.GetProperty("partition").GetInt32(), Is.EqualTo(4));
            Assert.That(root.GetProperty("offset").GetInt64(), Is.EqualTo(1234));
            Assert.That(root.GetProperty("attempts").GetInt32(), Is.EqualTo(3));
            Assert.That(root.GetProperty("original_key").GetString(), Is.EqualTo("cpu{host=a}"));
            Assert.That(root.GetProperty("consumer_group").GetString(), Is.EqualTo("metrics_worker_group"));
            Assert.That(root.GetProperty("message_id").GetString(), Is.EqualTo("0193a8f0-0000-7000-8000-000000000001"));
            Assert.That(root.GetProperty("replay_count").GetInt32(), Is.EqualTo(2));
            Assert.That(Encoding.UTF8.GetString(message.Key!), Is.EqualTo("cpu{host=a}"));
            Assert.That(message.Headers.TryGetLastBytes(DeadLetterHeaders.Reason, out var reason) ? Encoding.UTF8.GetString(reason) : null, Is.EqualTo("exhausted"));
            Assert.That(message.Headers.TryGetLastBytes(DeadLetterHeaders.OriginalOffset, out var offset) ? Encoding.UTF8.GetString(offset) : null, Is.EqualTo("1234"));
        });
    }

    private static DeadLetterRecord Create(byte[] value) =>
        JsonSerializer.Deserialize<DeadLetterRecord>(
            DeadLetterRecordFactory.Create(Context(value, null), DeadLetterReasons.Deserialization, "bad bytes", null, 1, 1_000_000).Value)!;

    internal static KafkaRecordContext Context(byte[] value, Headers? headers, byte[]? key = null) =>
        new(new ConsumeResult<byte[]?, byte[]>
        {
            TopicPartitionOffset = new TopicPartitionOffset("metrics", 4, 1234),
            Message = new Message<byte[]?, byte[]> { Key = key ?? Encoding.UTF8.GetBytes("cpu{host=a}"), Value = value, Headers = headers },
        }, new KafkaEndpointIdentity("metrics", "metrics_worker_group", "metrics_dlq"), 1);
}

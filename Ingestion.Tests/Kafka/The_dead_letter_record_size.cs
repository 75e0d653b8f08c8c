using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Kafka.DeadLettering;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class The_dead_letter_record_size
{
    private const int Limit = 1_000_000;

    private static IEnumerable<TestCaseData> Oversized()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"name":"{{new string('n', 1_200_000)}}","value":1}""");
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("A\u001b]0;x\u0007é\"", 200_000)));
        var binary = Enumerable.Range(0, 900_000).Select(i => (byte)(i * 7 % 256)).ToArray();
        yield return new TestCaseData(json).SetName("JSON of 1.2 MB");
        yield return new TestCaseData(text).SetName("text of 2 MB full of escapes");
        yield return new TestCaseData(binary).SetName("900 KB that are not UTF-8");
        yield return new TestCaseData(Encoding.ASCII.GetBytes(new string('A', 999_000))).SetName("text just under the limit");
    }

    [TestCaseSource(nameof(Oversized))]
    public void Fits_the_limit_keeping_a_prefix_of_the_original_with_its_size_and_hash(byte[] original)
    {
        var message = DeadLetterRecordFactory.Create(The_dead_letter_record.Context(original, null), DeadLetterReasons.Deserialization,
            "bad", "System.Text.Json.JsonException", 1, Limit);
        var record = JsonSerializer.Deserialize<DeadLetterRecord>(message.Value)!;
        var kept = KeptBytes(record);

        Assert.Multiple(() =>
        {
            Assert.That(WireSize(message), Is.LessThanOrEqualTo(Limit - DeadLetterRecordFactory.FramingAllowance));
            Assert.That(record.OriginalTruncated, Is.True);
            Assert.That(record.OriginalSize, Is.EqualTo(original.Length));
            Assert.That(record.OriginalSha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(original))));
            Assert.That(record.OriginalMessage is null || record.OriginalMessageBase64 is null, "kept once");
            Assert.That(message.Value, Has.Length.GreaterThan(Limit * 8 / 10), "keeps as much as fits, not a token");
            Assert.That(original.AsSpan(0, kept.Length).SequenceEqual(kept), "a prefix of the original");
            Assert.That(Encoding.UTF8.GetString(message.Value).Any(c => c < ' ' || c is >= '\u007f' and <= '\u009f'), Is.False, "control characters escaped");
        });
    }

    [Test]
    public void Keeps_an_original_that_fits_whole_and_untruncated()
    {
        var original = Encoding.UTF8.GetBytes($$"""{"name":"cpu","value":1,"pad":"{{new string('p', 900_000)}}"}""");
        var record = JsonSerializer.Deserialize<DeadLetterRecord>(DeadLetterRecordFactory.Create(
            The_dead_letter_record.Context(original, null), DeadLetterReasons.Validation, "bad", null, 1, Limit).Value)!;

        Assert.Multiple(() =>
        {
            Assert.That(record.OriginalTruncated, Is.False);
            Assert.That(record.OriginalMessage!.Value.GetProperty("pad").GetString(), Has.Length.EqualTo(900_000));
        });
    }

    [Test]
    public void Drops_a_key_too_large_to_fit_from_the_kafka_key_and_says_so()
    {
        var key = Encoding.ASCII.GetBytes(new string('k', 600_000));
        var message = DeadLetterRecordFactory.Create(The_dead_letter_record.Context("{}"u8.ToArray(), null, key), DeadLetterReasons.Validation,
            "bad", null, 1, Limit);
        var record = JsonSerializer.Deserialize<DeadLetterRecord>(message.Value)!;

        Assert.Multiple(() =>
        {
            Assert.That(message.Key, Is.Null);
            Assert.That(record.OriginalKeyTruncated, Is.True);
            Assert.That(record.OriginalKey, Has.Length.LessThan(1_000));
            Assert.That(WireSize(message), Is.LessThanOrEqualTo(Limit));
        });
    }

    [Test]
    public void Falls_back_to_a_minimal_record_when_the_limit_leaves_no_room_for_any_of_it()
    {
        var message = DeadLetterRecordFactory.Create(The_dead_letter_record.Context(new byte[50_000], null), DeadLetterReasons.Deserialization,
            new string('e', 4_000), null, 1, 2_000);
        var record = JsonSerializer.Deserialize<DeadLetterRecord>(message.Value)!;

        Assert.Multiple(() =>
        {
            Assert.That(record.OriginalTruncated, Is.True);
            Assert.That(record.OriginalMessage, Is.Null);
            Assert.That(record.OriginalMessageBase64, Is.Null);
            Assert.That(record.OriginalSize, Is.EqualTo(50_000));
            Assert.That(record.Error, Has.Length.LessThanOrEqualTo(500));
            Assert.That(record.Offset, Is.EqualTo(1234));
        });
    }

    private static byte[] KeptBytes(DeadLetterRecord record) => record.OriginalMessageBase64 is { } base64
        ? Convert.FromBase64String(base64)
        : Encoding.UTF8.GetBytes(record.OriginalMessage!.Value.GetString()!);

    private static int WireSize(Message<byte[]?, byte[]> message) =>
        (message.Key?.Length ?? 0) + message.Value.Length + message.Headers.Sum(h => h.Key.Length + h.GetValueBytes().Length + 16);
}

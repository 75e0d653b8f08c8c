using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ingestion.Kafka.DeadLettering;

namespace Ingestion.Tests.Worker;

/// <summary>
/// Records just under the largest message the producers take (librdkafka's message.max.bytes, 1,000,000 bytes; the
/// embedded broker does not describe topic configs), one per kind of failure, between good neighbours on one partition.
/// </summary>
public sealed class The_worker_with_oversized_poison
{
    private const int Size = 999_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Dead_letters_each_record_just_under_the_maximum_size_truncated_and_stores_its_neighbours()
    {
        var settings = await WorkerSettings.CreateAsync("worker-oversized", partitions: 1);
        await using var worker = await InProcessWorker.StartAsync(settings);
        await RefusingRowsByName.InstallWhenMigratedAsync(settings.ConnectionString, "refused_big", Patience);

        (string Case, byte[] Bytes, string Reason)[] poison =
        [
            ("text, not JSON", Encoding.ASCII.GetBytes(new string('A', Size)), DeadLetterReasons.Deserialization),
            ("not UTF-8", Enumerable.Range(0, Size).Select(i => (byte)(0x80 + i % 64)).ToArray(), DeadLetterReasons.Deserialization),
            ("invalid metric", Padded("bad name!"), DeadLetterReasons.Validation),
            ("refused by PostgreSQL (23514)", Padded("refused_big"), DeadLetterReasons.Exhausted),
        ];
        var records = new List<byte[]>();
        foreach (var (_, bytes, _) in poison)
        {
            records.AddRange(Enumerable.Range(records.Count, 10).Select(i => RawTopic.Encode(RawTopic.Metric("beside_big", i))));
            records.Add(bytes);
        }
        records.AddRange(Enumerable.Range(0, 10).Select(i => RawTopic.Encode(RawTopic.Metric("beside_big", i))));
        foreach (var record in records)
            await RawTopic.ProduceAsync(settings.Topic, [record]);

        var good = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 10 * (poison.Length + 1), Patience, "beside_big");
        var deadLetters = RawTopic.ReadAll(settings.DeadLetterTopic, poison.Length, Patience, TimeSpan.FromSeconds(2))
            .Select(r => JsonSerializer.Deserialize<DeadLetterRecord>(r.Message.Value)!)
            .OrderBy(d => d.Offset)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(good, Is.EqualTo(10 * (poison.Length + 1)), "every neighbour stored: no partition blocked");
            Assert.That(deadLetters.Select(d => d.Reason), Is.EqualTo(poison.Select(p => p.Reason)));
            Assert.That(deadLetters.Select(d => d.Offset), Is.EqualTo(new long[] { 10, 21, 32, 43 }));
            Assert.That(deadLetters.Select(d => d.OriginalSize), Is.EqualTo(poison.Select(p => (long)p.Bytes.Length)));
            Assert.That(deadLetters.Select(d => d.OriginalSha256), Is.EqualTo(poison.Select(p => Convert.ToHexStringLower(SHA256.HashData(p.Bytes)))));
            Assert.That(deadLetters.Select(d => d.OriginalTruncated), Is.All.True);
        });
    }

    // A metric that is valid JSON of about Size bytes: the deserializer skips the unknown padding field.
    private static byte[] Padded(string name) =>
        Encoding.UTF8.GetBytes($$"""{"name":"{{name}}","value":1,"padding":"{{new string('p', Size - 60)}}"}""");
}

using System.Text;
using System.Text.Json;
using Ingestion.Consumers.Statistics;
using Ingestion.Contracts;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Riding;
using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Worker;

public sealed class The_worker
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Persists_every_record_on_the_topic_exactly_once_even_when_records_arrive_twice()
    {
        var settings = await WorkerSettings.CreateAsync("worker-once");
        var metrics = Enumerable.Range(0, 2_000).Select(i => RawTopic.Metric("once", i, withId: i % 4 != 0)).ToArray();
        await RawTopic.ProduceAsync(settings.Topic, metrics);
        await using var worker = await InProcessWorker.StartAsync(settings);

        var first = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 2_000, Patience);
        // The same records again (a producer retry or a DLQ replay): nothing new may appear.
        await RawTopic.ProduceAsync(settings.Topic, metrics.Where(m => m.Id is not null));
        var statistics = worker.Services.GetRequiredService<WorkerStatistics>();
        await WaitUntilAsync(() => statistics.Snapshot().Processed >= 3_500);

        var ids = await MetricsTable.IdsAsync(settings.ConnectionString);
        var deadLetters = RawTopic.ReadAll(settings.DeadLetterTopic, 0, TimeSpan.FromSeconds(2), TimeSpan.Zero);
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(2_000));
            Assert.That(ids, Has.Count.EqualTo(2_000));
            Assert.That(ids, Is.SupersetOf(metrics.Where(m => m.Id is not null).Select(m => m.Id!.Value)));
            Assert.That(statistics.Snapshot().Persisted, Is.EqualTo(2_000));
            Assert.That(deadLetters, Is.Empty);
        });
    }

    [Test]
    public async Task Dead_letters_each_poison_record_once_with_its_reason_while_its_neighbours_persist()
    {
        // One partition, so every poison record sits in a batch between good neighbours.
        var settings = await WorkerSettings.CreateAsync("worker-poison", partitions: 1);
        (string Case, byte[] Bytes, string Reason)[] poison =
        [
            ("malformed JSON", Utf8("""{"name":"cpu","value":"""), DeadLetterReasons.Deserialization),
            ("wrong type", Utf8("""{"name":"cpu","value":"high"}"""), DeadLetterReasons.Deserialization),
            ("NaN as a string", Utf8("""{"name":"cpu","value":"NaN"}"""), NaNReason),
            ("1e999", Utf8("""{"name":"cpu","value":1e999}"""), OverflowReason),
            ("oversized name", Utf8($$"""{"name":"{{new string('n', MetricLimits.MaxNameLength + 1)}}","value":1}"""), DeadLetterReasons.Validation),
            ("nested labels", Utf8("""{"name":"cpu","value":1,"labels":{"host":{"name":"a"}}}"""), DeadLetterReasons.Deserialization),
            ("empty value", Utf8("""{"name":"cpu","value":""}"""), DeadLetterReasons.Deserialization),
            ("missing value", Utf8("""{"name":"cpu","labels":{"host":"a"}}"""), DeadLetterReasons.Deserialization),
            ("not UTF-8", [0xff, 0xfe, 0x00, 0x7b], DeadLetterReasons.Deserialization),
        ];
        var records = new List<byte[]>();
        foreach (var (_, bytes, _) in poison)
        {
            records.AddRange(Enumerable.Range(records.Count, 25).Select(i => RawTopic.Encode(RawTopic.Metric("neighbour", i))));
            records.Add(bytes);
        }
        records.AddRange(Enumerable.Range(0, 25).Select(i => RawTopic.Encode(RawTopic.Metric("neighbour", i))));
        await RawTopic.ProduceAsync(settings.Topic, records);
        await using var worker = await InProcessWorker.StartAsync(settings);

        var good = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 25 * (poison.Length + 1), Patience, "neighbour");
        var deadLetters = RawTopic.ReadAll(settings.DeadLetterTopic, poison.Length, Patience, TimeSpan.FromSeconds(3))
            .Select(r => JsonSerializer.Deserialize<DeadLetterRecord>(r.Message.Value)!)
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(good, Is.EqualTo(25 * (poison.Length + 1)));
            Assert.That(deadLetters, Has.Count.EqualTo(poison.Length));
            // Poison record i sits at offset 25 (i + 1) + i; the DLQ record names it by offset and by the original's hash.
            var actual = poison.Select((p, i) => p.Case + " -> " + string.Join(",", deadLetters
                .Where(d => d.Offset == 25 * (i + 1) + i && d.OriginalTopic == settings.Topic
                    && d.OriginalSha256 == Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(p.Bytes)))
                .Select(d => d.Reason)));
            Assert.That(actual, Is.EqualTo(poison.Select(p => p.Case + " -> " + p.Reason)), "one DLQ record per poison record, with its reason");
        });
    }

    [Test]
    public async Task Shares_partitions_among_three_workers_and_the_survivors_take_over_when_one_stops()
    {
        var settings = await WorkerSettings.CreateAsync("worker-share", partitions: 6);
        var workers = new List<InProcessWorker>();
        try
        {
            for (var i = 0; i < 3; i++)
                workers.Add(await InProcessWorker.StartAsync(settings));
            // Produce only once the group has settled with all three members, or the first two drain the topic alone.
            await WaitUntilAsync(() => workers.All(w => AssignedPartitions(w).Count > 0) && workers.Sum(w => AssignedPartitions(w).Count) == 6);
            var assigned = workers.Select(w => AssignedPartitions(w).Count).ToArray();
            await RawTopic.ProduceAsync(settings.Topic, Enumerable.Range(0, 3_000).Select(i => RawTopic.Metric("shared", i)));
            var firstRound = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 3_000, Patience);
            var processedBefore = workers.Select(w => w.Services.GetRequiredService<WorkerStatistics>().Snapshot().Processed).ToArray();

            await workers[0].StopAsync();
            await RawTopic.ProduceAsync(settings.Topic, Enumerable.Range(3_000, 3_000).Select(i => RawTopic.Metric("shared", i)));
            var secondRound = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 6_000, Patience);
            var processedAfter = workers.Select(w => w.Services.GetRequiredService<WorkerStatistics>().Snapshot().Processed).ToArray();

            Assert.Multiple(() =>
            {
                Assert.That(assigned, Has.All.GreaterThan(0), "each of the three holds partitions");
                Assert.That(assigned.Sum(), Is.EqualTo(6), "the six partitions are split among them");
                Assert.That(firstRound, Is.EqualTo(3_000));
                Assert.That(processedBefore, Has.All.GreaterThan(0), "every worker had partitions");
                Assert.That(secondRound, Is.EqualTo(6_000));
                Assert.That(processedAfter[0], Is.EqualTo(processedBefore[0]), "the stopped worker did nothing more");
                Assert.That(processedAfter[1] + processedAfter[2] - processedBefore[1] - processedBefore[2], Is.GreaterThanOrEqualTo(3_000));
            });
        }
        finally
        {
            foreach (var worker in workers)
                await worker.DisposeAsync();
        }
    }

    // MassTransit's System.Text.Json options do not read "NaN" strings as numbers (deserialization), while 1e999 is a
    // valid JSON number that parses to +Infinity, which the validator rejects (validation).
    private const string NaNReason = DeadLetterReasons.Deserialization;
    private const string OverflowReason = DeadLetterReasons.Validation;

    private static IReadOnlyCollection<int> AssignedPartitions(InProcessWorker worker) =>
        worker.Services.GetRequiredService<Bind<IBus, IKafkaRider>>().Value.Endpoints[0].AssignedPartitions;

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(100);
    }
}

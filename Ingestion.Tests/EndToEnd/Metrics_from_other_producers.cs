using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Confluent.Kafka;
using Ingestion.Consumers.Statistics;
using Ingestion.Contracts;
using Ingestion.Kafka.Producing;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using Ingestion.Tests.Worker;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.EndToEnd;

/// <summary>
/// Every kind of producer issue 6 names writes to the topic a real worker consumes into real PostgreSQL: a plain JSON
/// producer in another language, the official MassTransit.Kafka rider, and our own rider.
/// </summary>
[TestFixture]
public sealed class Metrics_from_other_producers
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    private WorkerSettings settings = null!;
    private InProcessWorker worker = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        settings = await WorkerSettings.CreateAsync("interop", partitions: 3);
        worker = await InProcessWorker.StartAsync(settings);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (worker is not null)
            await worker.DisposeAsync();
    }

    [Test]
    public async Task Are_persisted_from_plain_json_as_the_python_producer_wrote_it_with_ids_that_survive_a_redelivery()
    {
        // Its own topic (same database), so the second pass reads nothing but these records.
        var topic = TestInfrastructure.CreateTopic("interop-python", partitions: 2);
        var python = settings with { Topic = topic, GroupId = $"{topic}-group" };
        var startedAt = DateTimeOffset.UtcNow;
        // json.dumps({"name": ..., "value": ..., "labels": {...}}) exactly: spaces after separators, no id, no timestamp.
        var values = Enumerable.Range(0, 20)
            .Select(i => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $$$"""{"name": "python_cpu_usage", "value": {{{75.5 + i}}}, "labels": {"host": "server-01", "n": "{{{i}}}"}}""")))
            .ToList();
        var deliveries = await PlainProducer.ProduceAsync(topic, values.Select(v => PlainProducer.Value(v)));
        var expectedIds = DerivedIds(topic, deliveries).ToHashSet();

        List<StoredMetric> firstPass;
        await using (var first = await InProcessWorker.StartAsync(python))
            firstPass = await StoredMetrics.WaitForAsync(settings.ConnectionString, "python_cpu_usage", 20, Patience);

        // A redelivery: a group with no commits reads the same bytes at the same offsets again into the same table
        // (as after a crash between insert and commit, or a replay). The mock broker refuses commits from outside a group,
        // so a fresh group stands in for a rewound one.
        await using var again = await InProcessWorker.StartAsync(python with { GroupId = $"{topic}-again" });
        var statistics = again.Services.GetRequiredService<WorkerStatistics>();
        await Eventually.Until(() => statistics.Snapshot().Processed >= 20, Patience, "the second group read the 20 records again");
        var secondPass = await StoredMetrics.ReadAsync(settings.ConnectionString, "python_cpu_usage");

        Assert.Multiple(() =>
        {
            Assert.That(firstPass.Select(r => r.Id), Is.EquivalentTo(expectedIds), "ids derived from the record: position, timestamp, key and value");
            Assert.That(firstPass.Select(r => r.Value), Is.EquivalentTo(Enumerable.Range(0, 20).Select(i => 75.5 + i)));
            Assert.That(firstPass.Select(r => r.Labels["n"]), Is.EquivalentTo(Enumerable.Range(0, 20).Select(i => i.ToString(CultureInfo.InvariantCulture))));
            Assert.That(firstPass.Select(r => r.Labels["host"]).Distinct(), Is.EqualTo(new[] { "server-01" }));
            Assert.That(firstPass.Select(r => r.Timestamp), Has.All.InRange(startedAt.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1)),
                "a missing timestamp means the time of receipt");
            Assert.That(statistics.Snapshot().Persisted, Is.Zero, "the redelivered records inserted nothing");
            Assert.That(secondPass.Select(r => r.Id), Is.EquivalentTo(expectedIds), "still one row per record");
        });
    }

    [Test]
    public async Task Are_persisted_from_mass_transit_envelopes_with_the_official_riders_headers()
    {
        var givenId = Guid.CreateVersion7();
        var timestamp = DateTimeOffset.UtcNow.AddSeconds(-5);
        JsonObject Metric(double value, Guid? id) => new()
        {
            ["id"] = id?.ToString(),
            ["name"] = "envelope_cpu_usage",
            ["value"] = value,
            ["timestamp"] = timestamp.ToString("O", CultureInfo.InvariantCulture),
            ["labels"] = new JsonObject { ["host"] = "server-02" },
        };

        var deliveries = await PlainProducer.ProduceAsync(settings.Topic,
        [
            MassTransitEnvelope.Record(settings.Topic, Metric(1.5, givenId), Guid.NewGuid()),
            MassTransitEnvelope.Record(settings.Topic, Metric(2.5, null), Guid.NewGuid()),
        ]);
        var rows = await StoredMetrics.WaitForAsync(settings.ConnectionString, "envelope_cpu_usage", 2, Patience);
        var derivedId = DerivedIds(settings.Topic, deliveries)[1];

        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => (r.Id, r.Value)), Is.EquivalentTo(new[] { (givenId, 1.5), (derivedId, 2.5) }),
                "the message's id when it has one, else the record's derived id");
            Assert.That(rows.Select(r => r.Labels["host"]), Has.All.EqualTo("server-02"));
            Assert.That(rows.Select(r => r.Timestamp), Has.All.EqualTo(timestamp).Within(TimeSpan.FromMilliseconds(1)));
        });
    }

    [Test]
    public async Task Are_persisted_when_a_newer_producer_adds_fields_this_worker_does_not_know()
    {
        // Contract evolution is additive within a major version: unknown fields are ignored, in raw JSON and in envelopes.
        var rawId = Guid.CreateVersion7();
        var envelopedId = Guid.CreateVersion7();
        var raw = Encoding.UTF8.GetBytes($$$"""
            {"id":"{{{rawId}}}","name":"evolved_cpu_usage","value":1,"labels":{"host":"a"},"unit":"percent","sampling":{"interval_ms":500,"method":"avg"},"tags":["x","y"]}
            """);
        var enveloped = new JsonObject
        {
            ["id"] = envelopedId.ToString(),
            ["name"] = "evolved_cpu_usage",
            ["value"] = 2,
            ["labels"] = new JsonObject { ["host"] = "b" },
            ["unit"] = "percent",
            ["sampling"] = new JsonObject { ["interval_ms"] = 500 },
        };

        await PlainProducer.ProduceAsync(settings.Topic,
            [PlainProducer.Value(raw), MassTransitEnvelope.Record(settings.Topic, enveloped, Guid.NewGuid())]);
        var rows = await StoredMetrics.WaitForAsync(settings.ConnectionString, "evolved_cpu_usage", 2, Patience);

        Assert.That(rows.Select(r => (r.Id, r.Value, r.Labels["host"])), Is.EquivalentTo(new[] { (rawId, 1.0, "a"), (envelopedId, 2.0, "b") }));
    }

    [Test]
    public async Task Are_persisted_from_our_riders_topic_producer()
    {
        await using var host = await RiderTestHost.StartAsync(rider =>
        {
            rider.AddProducer<MetricRecorded>(settings.Topic, SeriesKey.For, m => m.Id);
            rider.UsingKafka((_, _) => { });
        });
        var producer = host.Services.GetRequiredService<ITopicProducer<MetricRecorded>>();
        var metrics = Enumerable.Range(0, 100).Select(i => new MetricRecorded
        {
            Id = Guid.CreateVersion7(),
            Name = "rider_cpu_usage",
            Value = i,
            Timestamp = DateTimeOffset.UtcNow,
            Labels = new Dictionary<string, string> { ["host"] = $"server-{i % 4}" },
        }).ToList();

        await producer.Produce(metrics[0]);
        await producer.ProduceMany(metrics[1..]);
        var rows = await StoredMetrics.WaitForAsync(settings.ConnectionString, "rider_cpu_usage", 100, Patience);

        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.Id), Is.EquivalentTo(metrics.Select(m => m.Id!.Value)));
            Assert.That(rows.Select(r => (r.Id, r.Value, r.Labels["host"])),
                Is.EquivalentTo(metrics.Select(m => (m.Id!.Value, m.Value, m.Labels!["host"]))));
        });
    }

    /// <summary>The ids the worker derives for these deliveries: from the records as stored (position, timestamp, key, value).</summary>
    private static List<Guid> DerivedIds(string topic, List<DeliveryResult<byte[]?, byte[]>> deliveries)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = $"derived-ids-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(deliveries.GroupBy(d => d.Partition.Value)
            .Select(g => new TopicPartitionOffset(topic, g.Key, g.Min(d => d.Offset.Value))));
        var wanted = deliveries.Select(d => (d.Partition.Value, d.Offset.Value)).ToHashSet();
        var stored = new Dictionary<(int, long), ConsumeResult<byte[]?, byte[]>>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (stored.Count < wanted.Count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } read && wanted.Contains((read.Partition.Value, read.Offset.Value)))
                stored[(read.Partition.Value, read.Offset.Value)] = read;
        }
        return deliveries.ConvertAll(d =>
        {
            var record = stored[(d.Partition.Value, d.Offset.Value)];
            return DeterministicMetricId.For(topic, d.Partition.Value, d.Offset.Value, record.Message.Timestamp.UnixTimestampMs,
                record.Message.Key, record.Message.Value, hasKey: record.Message.Key is not null);
        });
    }
}

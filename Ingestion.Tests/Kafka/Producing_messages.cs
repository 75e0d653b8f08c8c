using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Embedded;
using Ingestion.Kafka.Producing;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Producing_messages
{
    [Test]
    public async Task Writes_camel_case_json_with_the_series_key_and_the_rider_headers_once_acknowledged()
    {
        var topic = TestInfrastructure.CreateTopic("produce", partitions: 1);
        var services = new ServiceCollection().AddLogging();
        services.AddMassTransit(x =>
        {
            x.UsingInMemory();
            x.AddRider(r =>
            {
                r.AddProducer<MetricRecorded>(topic, SeriesKey.For, m => m.Id);
                r.UsingKafka((_, k) => k.Host(TestInfrastructure.Kafka.BootstrapServers));
            });
        });
        await using var provider = services.BuildServiceProvider();
        var producer = provider.GetRequiredService<ITopicProducer<MetricRecorded>>();
        var metric = new MetricRecorded
        {
            Id = Guid.NewGuid(),
            Name = "cpu_usage",
            Value = 42.5,
            Labels = new Dictionary<string, string> { ["region"] = "eu", ["host"] = "a" },
            Timestamp = DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        };

        using (var activity = new Activity("test-request").SetIdFormat(ActivityIdFormat.W3C).Start())
        {
            await producer.Produce(metric);
        }
        await producer.ProduceMany([.. Enumerable.Range(0, 500).Select(i => metric with { Id = Guid.NewGuid(), Value = i })]);

        var records = TopicReader.ReadAll(TestInfrastructure.Kafka.BootstrapServers, topic, 501, TimeSpan.FromSeconds(20));
        var first = records[0];
        using var body = JsonDocument.Parse(first.Message.Value);
        Assert.Multiple(() =>
        {
            Assert.That(records, Has.Count.EqualTo(501));
            Assert.That(Encoding.UTF8.GetString(first.Message.Key!), Is.EqualTo("cpu_usage{host=a,region=eu}"));
            Assert.That(first.Header(KafkaHeaderNames.MessageId), Is.EqualTo(metric.Id.ToString()));
            Assert.That(first.Header(KafkaHeaderNames.ContentType), Is.EqualTo("application/json"));
            Assert.That(first.Header(KafkaHeaderNames.MessageType), Is.EqualTo("urn:message:Ingestion.Contracts:MetricRecorded"));
            Assert.That(first.Header(KafkaHeaderNames.TraceParent), Does.StartWith("00-"));
            Assert.That(body.RootElement.GetProperty("name").GetString(), Is.EqualTo("cpu_usage"));
            Assert.That(body.RootElement.GetProperty("value").GetDouble(), Is.EqualTo(42.5));
            Assert.That(body.RootElement.GetProperty("labels").GetProperty("host").GetString(), Is.EqualTo("a"));
            Assert.That(records.Skip(1).Select(r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("value").GetDouble()),
                Is.EqualTo(Enumerable.Range(0, 500).Select(i => (double)i)), "ProduceMany keeps the order");
        });
    }

    [Test]
    public async Task Fails_within_the_delivery_timeout_when_the_broker_is_down_and_then_fails_fast_while_the_breaker_is_open()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("outage", 1);
        using var client = new KafkaProducerClient(new KafkaOptions
        {
            BootstrapServers = broker.BootstrapServers,
            DeliveryTimeout = TimeSpan.FromSeconds(3), // the first produce (metadata, producer id) needs a moment on a busy machine
            BreakDuration = TimeSpan.FromSeconds(30),
            BreakerMinimumThroughput = 3,
        });
        var producer = new KafkaTopicProducer<MetricRecorded>(client, "outage", SeriesKey.For);
        var metric = new MetricRecorded { Name = "cpu", Value = 1 };
        await producer.Produce(metric);

        broker.SetAllBrokersDown();
        var watch = Stopwatch.StartNew();
        var first = Assert.ThrowsAsync<KafkaProduceException>(() => producer.Produce(metric));
        var firstElapsed = watch.Elapsed;
        var many = Assert.ThrowsAsync<KafkaProduceException>(() => producer.ProduceMany([metric, metric]));
        var manyElapsed = watch.Elapsed - firstElapsed;
        watch.Restart();
        var open = Assert.ThrowsAsync<KafkaUnavailableException>(() => producer.Produce(metric));
        var openElapsed = watch.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Not.TypeOf<KafkaUnavailableException>(), "the first failure is a real delivery timeout");
            Assert.That(firstElapsed, Is.LessThan(TimeSpan.FromSeconds(6)), "bounded by the delivery timeout");
            Assert.That(many!.AcknowledgedIndexes, Is.Empty);
            Assert.That(manyElapsed, Is.LessThan(TimeSpan.FromSeconds(6)));
            Assert.That(openElapsed, Is.LessThan(TimeSpan.FromMilliseconds(200)));
            Assert.That(open!.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        });
    }
}

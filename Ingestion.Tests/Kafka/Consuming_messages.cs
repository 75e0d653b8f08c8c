using System.Text;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Producing;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Consuming_messages
{
    [Test]
    public async Task Delivers_raw_json_the_masstransit_envelope_and_headerless_json_with_their_kafka_coordinates()
    {
        var topic = TestInfrastructure.CreateTopic("consume", partitions: 1);
        var group = $"group-{Guid.NewGuid():N}";
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddProducer<MetricRecorded>(topic, SeriesKey.For, m => m.Id);
            r.AddConsumer<CollectingConsumer, CollectingConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e => e.ConfigureConsumer<CollectingConsumer>(context)));
        });

        await host.Services.GetRequiredService<ITopicProducer<MetricRecorded>>().Produce(new MetricRecorded
        {
            Name = "via_producer", Value = 1, Labels = new Dictionary<string, string> { ["host"] = "a" },
        });
        var envelope = "{\"messageId\":\"" + Guid.NewGuid() + "\",\"messageType\":[\"urn:message:Ingestion.Contracts:MetricRecorded\"]," +
            "\"message\":{\"name\":\"via_envelope\",\"value\":2}}";
        KafkaProbe.ProduceRaw(topic, [
            (null, KafkaProbe.Json(envelope), new Confluent.Kafka.Headers { { "content-type", Encoding.ASCII.GetBytes("application/vnd.masstransit+json") } }),
            ("plain", KafkaProbe.Json("""{"name":"without_headers","value":3.5,"labels":{"lang":"go"}}"""), null),
        ]);

        await Eventually.Until(() => host.Consumed.Messages.Count >= 3, TimeSpan.FromSeconds(20), "three messages were consumed");
        var messages = host.Consumed.Messages.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(messages.Select(m => m.Message.Name), Is.EqualTo(new[] { "via_producer", "via_envelope", "without_headers" }));
            Assert.That(messages.Select(m => m.Offset), Is.EqualTo(new long[] { 0, 1, 2 }));
            Assert.That(messages[0].Key, Is.EqualTo("via_producer{host=a}"));
            Assert.That(messages[2].Message.Value, Is.EqualTo(3.5));
            Assert.That(messages[2].Message.Labels!["lang"], Is.EqualTo("go"));
        });
    }

    [Test]
    public async Task Hands_a_batch_consumer_batches_of_concurrently_dispatched_records()
    {
        var topic = TestInfrastructure.CreateTopic("batch", partitions: 2);
        var group = $"group-{Guid.NewGuid():N}";
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddProducer<MetricRecorded>(topic, SeriesKey.For);
            r.AddConsumer<CollectingBatchConsumer, CollectingBatchConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureConsumer<CollectingBatchConsumer>(context);
                e.SetWindowSize(100);
            }));
        });

        var producer = host.Services.GetRequiredService<ITopicProducer<MetricRecorded>>();
        await producer.ProduceMany([.. Enumerable.Range(0, 400).Select(i => new MetricRecorded { Name = $"series_{i % 7}", Value = i })]);

        await Eventually.Until(() => host.Consumed.Messages.Count >= 400, TimeSpan.FromSeconds(30), "400 messages were consumed");
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 2) == 400, TimeSpan.FromSeconds(10), "every offset was committed");
        Assert.Multiple(() =>
        {
            Assert.That(host.Consumed.Messages.Select(m => m.Message.Value).Distinct().Count(), Is.EqualTo(400));
            Assert.That(host.Consumed.BatchSizes.Max(), Is.GreaterThan(1), "records arrive in batches");
            Assert.That(host.Consumed.BatchSizes.Max(), Is.LessThanOrEqualTo(50), "the batch limit of the definition applies");
        });
    }

    [Test]
    public async Task Runs_masstransit_middleware_and_the_consume_observers_of_the_container()
    {
        var topic = TestInfrastructure.CreateTopic("observer", partitions: 1);
        var group = $"group-{Guid.NewGuid():N}";
        var observer = new CountingConsumeObserver();
        var filtered = 0;
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddSingleton<IConsumeObserver>(observer);
            r.AddConsumer<CollectingConsumer, CollectingConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.UseExecute(_ => Interlocked.Increment(ref filtered));
                e.ConfigureConsumer<CollectingConsumer>(context);
            }));
        });

        KafkaProbe.ProduceRaw(topic, [("k", KafkaProbe.Json("""{"name":"observed","value":1}"""), null)]);

        await Eventually.Until(() => host.Consumed.Messages.Count == 1, TimeSpan.FromSeconds(20), "the message was consumed");
        await Eventually.Until(() => observer.Consumed == 1, TimeSpan.FromSeconds(5), "the observer saw it");
        Assert.That(filtered, Is.EqualTo(1), "endpoint middleware ran once");
    }
}

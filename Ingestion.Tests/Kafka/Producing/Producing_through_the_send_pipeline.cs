using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Kafka.Producing;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Kafka.Producing;

[TestFixture]
public sealed class Producing_through_the_send_pipeline
{
    [Test]
    public async Task A_send_filter_and_a_send_observer_on_the_bus_see_every_message_and_the_filters_header_arrives_on_the_record()
    {
        var topic = TestInfrastructure.CreateTopic("send-bus", partitions: 1);
        var sent = new SentMessages();
        await using var provider = Services(sent, x =>
        {
            x.AddSendObserver(_ => new RecordingSendObserver(sent));
            x.UsingInMemory((context, cfg) => cfg.UseSendFilter(typeof(StampingSendFilter<>), context));
            x.AddRider(r =>
            {
                r.AddProducer<MetricRecorded>(topic, SeriesKey.For, m => m.Id);
                r.UsingKafka((_, k) => k.Host(TestInfrastructure.Kafka.BootstrapServers));
            });
        });
        var producer = provider.GetRequiredService<ITopicProducer<MetricRecorded>>();
        var metrics = Enumerable.Range(0, 4).Select(i => new MetricRecorded { Id = Guid.NewGuid(), Name = "cpu", Value = i }).ToArray();

        await producer.Produce(metrics[0]);
        await producer.ProduceMany(metrics[1..]);

        var records = TopicReader.ReadAll(TestInfrastructure.Kafka.BootstrapServers, topic, 4, TimeSpan.FromSeconds(20));
        var ids = metrics.Select(m => m.Id).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Filtered, Is.EquivalentTo(ids), "the bus's send filter saw every message");
            Assert.That(sent.PreSent, Is.EquivalentTo(ids), "the bus's send observer saw every message before it was sent");
            Assert.That(sent.PostSent, Is.EquivalentTo(ids), "and after the broker acknowledged it");
            Assert.That(sent.Faulted, Is.Empty);
            Assert.That(records.Select(r => r.Header(StampingSendFilter<MetricRecorded>.Header)), Is.All.EqualTo("acme"));
            Assert.That(records.Select(r => r.Header(KafkaHeaderNames.MessageId)), Is.EqualTo(ids.Select(id => id.ToString())));
            Assert.That(records.Select(r => r.Header(KafkaHeaderNames.ContentType)), Is.All.EqualTo("application/json"), "raw JSON stays the default");
            Assert.That(records.Select(r => Encoding.UTF8.GetString(r.Message.Key!)), Is.All.EqualTo("cpu"));
            Assert.That(records.Select(r => JsonDocument.Parse(r.Message.Value).RootElement.GetProperty("value").GetDouble()),
                Is.EqualTo(new[] { 0.0, 1, 2, 3 }));
        });
    }

    [Test]
    public async Task Filters_and_observers_of_the_rider_and_of_the_producer_apply_too()
    {
        var topic = TestInfrastructure.CreateTopic("send-producer", partitions: 1);
        var riderSent = new SentMessages("rider");
        var producerSent = new SentMessages("producer");
        await using var provider = Services(riderSent, x =>
        {
            x.UsingInMemory();
            x.AddRider(r =>
            {
                r.AddProducer<MetricRecorded>(topic, SeriesKey.For, m => m.Id, (_, p) =>
                {
                    p.ConfigureSend(s => s.UseFilter(new StampingSendFilter<MetricRecorded>(producerSent)));
                    p.ConnectSendObserver(new RecordingSendObserver(producerSent));
                });
                r.UsingKafka((_, k) =>
                {
                    k.Host(TestInfrastructure.Kafka.BootstrapServers);
                    k.ConnectSendObserver(new RecordingSendObserver(riderSent));
                });
            });
        });
        var producer = provider.GetRequiredService<ITopicProducer<MetricRecorded>>();
        var metric = new MetricRecorded { Id = Guid.NewGuid(), Name = "cpu", Value = 1 };

        await producer.Produce(metric);

        var record = TopicReader.ReadAll(TestInfrastructure.Kafka.BootstrapServers, topic, 1, TimeSpan.FromSeconds(20)).Single();
        Assert.Multiple(() =>
        {
            Assert.That(producerSent.Filtered, Is.EqualTo(new[] { metric.Id }));
            Assert.That(producerSent.PostSent, Is.EqualTo(new[] { metric.Id }));
            Assert.That(riderSent.PostSent, Is.EqualTo(new[] { metric.Id }));
            Assert.That(record.Header(StampingSendFilter<MetricRecorded>.Header), Is.EqualTo("producer"));
        });
    }

    [Test]
    public async Task The_callers_pipe_sets_the_key_the_partition_and_headers_of_the_record()
    {
        var topic = TestInfrastructure.CreateTopic("send-pipe", partitions: 3);
        await using var provider = Services(new SentMessages(), x =>
        {
            x.UsingInMemory();
            x.AddRider(r =>
            {
                r.AddProducer<MetricRecorded>(topic, SeriesKey.For);
                r.UsingKafka((_, k) => k.Host(TestInfrastructure.Kafka.BootstrapServers));
            });
        });
        var producer = provider.GetRequiredService<ITopicProducer<MetricRecorded>>();

        await producer.Produce(new MetricRecorded { Name = "cpu", Value = 1 }, Pipe.Execute<KafkaSendContext<MetricRecorded>>(context =>
        {
            context.Partition = new Partition(2);
            context.Headers.Set("audit", "yes");
            ((KafkaSendContext<string, MetricRecorded>)context).Key = "chosen-key";
        }));

        var record = TopicReader.ReadAll(TestInfrastructure.Kafka.BootstrapServers, topic, 1, TimeSpan.FromSeconds(20), partitions: 3).Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.Partition.Value, Is.EqualTo(2));
            Assert.That(Encoding.UTF8.GetString(record.Message.Key!), Is.EqualTo("chosen-key"));
            Assert.That(record.Header("audit"), Is.EqualTo("yes"));
        });
    }

    [Test]
    public async Task A_producer_can_write_MassTransits_envelope_instead_of_raw_json()
    {
        var topic = TestInfrastructure.CreateTopic("send-envelope", partitions: 1);
        await using var provider = Services(new SentMessages(), x =>
        {
            x.UsingInMemory();
            x.AddRider(r =>
            {
                r.AddProducer<MetricRecorded>(topic, SeriesKey.For, m => m.Id, (_, p) => p.UseJsonSerializer());
                r.UsingKafka((_, k) => k.Host(TestInfrastructure.Kafka.BootstrapServers));
            });
        });
        var metric = new MetricRecorded { Id = Guid.NewGuid(), Name = "cpu", Value = 7 };

        await provider.GetRequiredService<ITopicProducer<MetricRecorded>>().Produce(metric);

        var record = TopicReader.ReadAll(TestInfrastructure.Kafka.BootstrapServers, topic, 1, TimeSpan.FromSeconds(20)).Single();
        using var envelope = JsonDocument.Parse(record.Message.Value);
        Assert.Multiple(() =>
        {
            Assert.That(record.Header(KafkaHeaderNames.ContentType), Is.EqualTo(KafkaHeaderNames.EnvelopeContentType));
            Assert.That(envelope.RootElement.GetProperty("messageId").GetString(), Is.EqualTo(metric.Id.ToString()));
            Assert.That(envelope.RootElement.GetProperty("messageType")[0].GetString(), Is.EqualTo("urn:message:Ingestion.Contracts:MetricRecorded"));
            Assert.That(envelope.RootElement.GetProperty("message").GetProperty("value").GetDouble(), Is.EqualTo(7));
        });
    }

    [Test]
    public async Task Without_filters_or_observers_records_skip_the_send_context_until_an_observer_connects()
    {
        var topic = TestInfrastructure.CreateTopic("send-direct", partitions: 1);
        await using var provider = Services(new SentMessages(), x =>
        {
            x.UsingInMemory();
            x.AddRider(r =>
            {
                r.AddProducer<MetricRecorded>(topic, SeriesKey.For, m => m.Id);
                r.UsingKafka((_, k) => k.Host(TestInfrastructure.Kafka.BootstrapServers));
            });
        });
        var producer = (KafkaTopicProducer<MetricRecorded>)provider.GetRequiredService<ITopicProducer<MetricRecorded>>();
        var direct = producer.WritesDirectly;
        var contextsBefore = KafkaSendContextRecords<MetricRecorded>.ContextsCreated;
        await producer.Produce(new MetricRecorded { Name = "cpu", Value = 1 });
        await producer.ProduceMany([new MetricRecorded { Name = "cpu", Value = 2 }]);
        var contextsCreated = KafkaSendContextRecords<MetricRecorded>.ContextsCreated - contextsBefore;

        using var handle = provider.GetRequiredService<IBus>().ConnectSendObserver(new RecordingSendObserver(new SentMessages()));

        Assert.Multiple(() =>
        {
            Assert.That(direct, Is.True, "the bus adds no send filter for MetricRecorded");
            Assert.That(contextsCreated, Is.Zero, "so Produce and ProduceMany build no send context");
            Assert.That(producer.WritesDirectly, Is.False, "an observer connected to the bus later is seen");
        });
    }

    private static ServiceProvider Services(SentMessages sent, Action<IBusRegistrationConfigurator> configure)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton(sent);
        services.AddMassTransit(configure);
        return services.BuildServiceProvider();
    }
}

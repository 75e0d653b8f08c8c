using System.Collections.Concurrent;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Kafka.Configuring;

[TestFixture]
public sealed class The_official_configuration_surface
{
    [Test]
    public async Task A_typed_key_resolver_writes_the_key_and_the_consumer_reads_partition_offset_and_key_from_its_context()
    {
        var topic = TestInfrastructure.CreateTopic("official", partitions: 1);
        var seen = new ConcurrentQueue<(int Partition, long Offset, long Key)>();
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddSingleton(seen);
            r.AddProducer<long, MetricRecorded>(topic, context => (long)context.Message.Value);
            r.AddConsumer<CoordinateCapturingConsumer>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, $"{topic}-group", e =>
            {
                e.AutoOffsetReset = AutoOffsetReset.Earliest;
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
                e.CheckpointMessageCount = 10;
                e.ConcurrentConsumerLimit = 1;
                e.ConfigureConsumer<CoordinateCapturingConsumer>(context);
            }));
        });

        await host.Services.GetRequiredService<ITopicProducer<MetricRecorded>>().Produce(new MetricRecorded { Name = "cpu", Value = 42 });

        await Eventually.Until(() => !seen.IsEmpty, TimeSpan.FromSeconds(30), "the record is consumed");
        Assert.That(seen.Single(), Is.EqualTo((0, 0L, 42L)));
    }

    [Test]
    public void Flat_endpoint_settings_set_the_endpoint_and_window_size_is_the_old_concurrent_delivery_limit()
    {
        var settings = new KafkaTopicEndpointSettings("t");
        var endpoint = new KafkaTopicReceiveEndpointConfigurator(null!, "t", "g", settings)
        {
            CheckpointInterval = TimeSpan.FromSeconds(3),
            CheckpointMessageCount = 7,
            AutoOffsetReset = AutoOffsetReset.Latest,
            WindowSize = 500,
            ConcurrentPartitionLimit = 2,
        };

        Assert.Multiple(() =>
        {
            Assert.That(settings.CheckpointInterval, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(settings.CheckpointMessageCount, Is.EqualTo(7));
            Assert.That(settings.AutoOffsetReset, Is.EqualTo(AutoOffsetReset.Latest));
            Assert.That(settings.ConcurrentDeliveryLimit, Is.EqualTo(500), "the old name reads the window size");
            Assert.That(settings.ConcurrentPartitionLimit, Is.EqualTo(2));
            Assert.That(() => endpoint.ConcurrentConsumerLimit = 2, Throws.TypeOf<ArgumentOutOfRangeException>(), "one consumer per endpoint and process");
        });
    }

    [Test]
    public void A_key_type_confluent_cannot_serialise_is_refused_at_registration()
    {
        var services = new ServiceCollection();
        Assert.That(() => services.AddMassTransit(x => x.AddRider(r => r.AddProducer<Guid, MetricRecorded>("t", _ => Guid.Empty))),
            Throws.ArgumentException);
    }
}

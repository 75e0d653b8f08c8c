using System.Collections.Concurrent;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Redelivery;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Kafka.Configuring;

[TestFixture]
public sealed class The_official_configuration_surface
{
    [Test]
    public async Task A_typed_key_resolver_writes_the_key_and_the_consumer_reads_partition_offset_and_key_from_its_context()
    {
        var topic = TestInfrastructure.CreateTopic("official", partitions: 1);
        var seen = new ConcurrentQueue<(int? Partition, long? Offset, long Key)>();
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
        Assert.That(seen.Single(), Is.EqualTo(((int?)0, (long?)0L, 42L)));
    }

    [Test]
    public async Task Outside_a_topic_endpoint_partition_offset_and_key_are_empty_as_in_MassTransit_Kafka()
    {
        var seen = new ConcurrentQueue<(int? Partition, long? Offset, long Key)>();
        await using var provider = new ServiceCollection()
            .AddSingleton(seen)
            .AddMassTransitTestHarness(x => x.AddConsumer<CoordinateCapturingConsumer>())
            .BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        await harness.Bus.Publish(new MetricRecorded { Name = "cpu", Value = 42 });

        await Eventually.Until(() => !seen.IsEmpty, TimeSpan.FromSeconds(10), "the in-memory message is consumed");
        Assert.That(seen.Single(), Is.EqualTo(((int?)null, (long?)null, 0L)));
    }

    [Test]
    public void Flat_official_settings_and_our_extension_methods_set_the_endpoint()
    {
        var settings = new KafkaTopicEndpointSettings("t");
        IKafkaTopicReceiveEndpointConfigurator endpoint = new KafkaTopicReceiveEndpointConfigurator(null!, "t", "g", settings);

        endpoint.CheckpointInterval = TimeSpan.FromSeconds(3);
        endpoint.CheckpointMessageCount = 7;
        endpoint.AutoOffsetReset = AutoOffsetReset.Latest;
        endpoint.ConcurrentConsumerLimit = 1;
        endpoint.SessionTimeout = TimeSpan.FromSeconds(12);
        endpoint.HeartbeatInterval = TimeSpan.FromSeconds(2);
        endpoint.MaxPollInterval = TimeSpan.FromMinutes(3);
        endpoint.QueuedMaxMessagesKbytes = 4_096;
        endpoint.GroupInstanceId = "worker-1";
        endpoint.UseIsolationLevel(IsolationLevel.ReadUncommitted);
        endpoint.SetWindowSize(500);
        endpoint.SetConcurrentPartitionLimit(2);
        endpoint.SetStopTimeout(TimeSpan.FromSeconds(4));
        endpoint.ConfigureConsumerConfig(c => c.QueuedMaxMessagesKbytes ??= 1);
        endpoint.UseRedelivery(r =>
        {
            r.Intervals(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
            r.NonTransientLimit = 3;
            r.IsRecordFault = _ => true;
        });
        var client = new ConsumerConfig();
        settings.ConfigureConsumer?.Invoke(client);

        Assert.Multiple(() =>
        {
            Assert.That(settings.CheckpointInterval, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(settings.CheckpointMessageCount, Is.EqualTo(7));
            Assert.That(settings.AutoOffsetReset, Is.EqualTo(AutoOffsetReset.Latest));
            Assert.That(client.SessionTimeoutMs, Is.EqualTo(12_000));
            Assert.That(client.HeartbeatIntervalMs, Is.EqualTo(2_000));
            Assert.That(client.MaxPollIntervalMs, Is.EqualTo(180_000));
            Assert.That(client.QueuedMaxMessagesKbytes, Is.EqualTo(4_096), "a later ??= keeps the flat setting");
            Assert.That(client.GroupInstanceId, Is.EqualTo("worker-1"));
            Assert.That(client.IsolationLevel, Is.EqualTo(IsolationLevel.ReadUncommitted));
            Assert.That(settings.WindowSize, Is.EqualTo(500));
            Assert.That(settings.ConcurrentPartitionLimit, Is.EqualTo(2));
            Assert.That(settings.StopTimeout, Is.EqualTo(TimeSpan.FromSeconds(4)));
            Assert.That(settings.RedeliveryDelays, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }));
            Assert.That(settings.NonTransientRedeliveryLimit, Is.EqualTo(3));
            Assert.That(settings.IsRecordFault, Is.Not.Null);
            Assert.That(() => endpoint.ConcurrentConsumerLimit = 2, Throws.TypeOf<ArgumentOutOfRangeException>(), "one consumer per endpoint and process");
            Assert.That(() => endpoint.SetWindowSize(0), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void Nothing_public_is_called_ConcurrentDeliveryLimit_since_the_window_size_is_not_per_key_concurrency()
    {
        var members = typeof(KafkaOptions).Assembly.GetExportedTypes()
            .SelectMany(type => type.GetMembers())
            .Where(member => member.Name.Contains("ConcurrentDeliveryLimit", StringComparison.Ordinal))
            .Select(member => $"{member.DeclaringType?.Name}.{member.Name}");

        Assert.That(members, Is.Empty);
    }

    [Test]
    public void Types_named_as_in_MassTransit_Kafka_live_in_namespace_MassTransit_and_nothing_else_of_ours_does()
    {
        string[] official =
        [
            "ITopicProducer`1", "KafkaSendContext", "KafkaSendContext`1", "KafkaSendContext`2", "KafkaKeyResolver`2",
            "IKafkaFactoryConfigurator", "IKafkaTopicReceiveEndpointConfigurator", "IKafkaProducerConfigurator`1",
            "KafkaRiderRegistrationExtensions", "KafkaConsumeContextExtensions",
        ];
        var exported = typeof(KafkaOptions).Assembly.GetExportedTypes();

        Assert.Multiple(() =>
        {
            Assert.That(official.Select(name => exported.Single(t => t.Name == name).Namespace), Is.All.EqualTo("MassTransit"));
            Assert.That(exported.Where(t => t.Namespace == "MassTransit").Select(t => t.Name), Is.EquivalentTo(official));
        });
    }

    [Test]
    public void The_types_in_namespace_MassTransit_declare_only_official_members_and_ours_are_extensions_in_our_namespaces()
    {
        static IEnumerable<string> Declared(Type type) => type
            .GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(member => member is not System.Reflection.MethodInfo { IsSpecialName: true })
            .Select(member => member is System.Reflection.MethodInfo method
                ? $"{method.Name}({string.Join(", ", method.GetParameters().Skip(method.IsStatic ? 1 : 0).Select(p => p.ParameterType.Name))})"
                : member.Name);

        Assert.Multiple(() =>
        {
            Assert.That(Declared(typeof(KafkaRiderRegistrationExtensions)), Is.EquivalentTo(new[]
            {
                "AddProducer(String, Action`2)", "AddProducer(String, KafkaKeyResolver`2, Action`2)", "UsingKafka(Action`2)",
            }));
            Assert.That(Declared(typeof(IKafkaFactoryConfigurator)), Is.EquivalentTo(new[] { "Host(String)", "TopicEndpoint(String, String, Action`1)" }));
            Assert.That(Declared(typeof(IKafkaProducerConfigurator<MetricRecorded>)), Is.Empty);
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

using System.Text;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Kafka.Producing;

/// <summary><c>AddProducer&lt;TKey, T&gt;(topic, resolver)</c>: the resolver chooses the key only where no filter or pipe did.</summary>
[TestFixture]
public sealed class Producing_with_a_typed_key
{
    [Test]
    public async Task The_callers_pipe_sets_the_key_instead_of_the_resolver()
    {
        var topic = TestInfrastructure.CreateTopic("typed-key-pipe", partitions: 1);
        await using var provider = Services(r => r.AddProducer<string, MetricRecorded>(topic, _ => "resolved"));
        var producer = provider.GetRequiredService<ITopicProducer<MetricRecorded>>();

        await producer.Produce(new MetricRecorded { Name = "cpu", Value = 1 }, Pipe.Execute<KafkaSendContext<MetricRecorded>>(context =>
            ((KafkaSendContext<string, MetricRecorded>)context).Key = "chosen"));
        await producer.Produce(new MetricRecorded { Name = "cpu", Value = 2 });

        var records = TopicReader.ReadAll(TestInfrastructure.Kafka.BootstrapServers, topic, 2, TimeSpan.FromSeconds(20));
        Assert.That(records.Select(r => Encoding.UTF8.GetString(r.Message.Key!)), Is.EqualTo(new[] { "chosen", "resolved" }));
    }

    [Test]
    public async Task A_send_filter_and_the_callers_pipe_see_a_send_context_with_the_typed_key()
    {
        var topic = TestInfrastructure.CreateTopic("typed-key-context", partitions: 1);
        await using var provider = Services(r => r.AddProducer<long, MetricRecorded>(topic, context => (long)context.Message.Value, (_, p) =>
            p.ConfigureSend(send => send.UseExecute(context =>
            {
                if (context is KafkaSendContext<long, MetricRecorded> keyed && keyed.Message.Name == "filtered")
                    keyed.Key = 7;
            }))));
        var producer = provider.GetRequiredService<ITopicProducer<MetricRecorded>>();

        await producer.Produce(new MetricRecorded { Name = "cpu", Value = 1 });
        await producer.Produce(new MetricRecorded { Name = "filtered", Value = 2 });
        await producer.ProduceMany([new MetricRecorded { Name = "cpu", Value = 3 }], Pipe.Execute<KafkaSendContext<MetricRecorded>>(context =>
            ((KafkaSendContext<long, MetricRecorded>)context).Key = 99));

        var records = TopicReader.ReadAll(TestInfrastructure.Kafka.BootstrapServers, topic, 3, TimeSpan.FromSeconds(20));
        Assert.That(records.Select(r => Deserializers.Int64.Deserialize(r.Message.Key, false, SerializationContext.Empty)),
            Is.EqualTo(new[] { 1L, 7L, 99L }), "the resolver's, the filter's, the pipe's");
    }

    private static ServiceProvider Services(Action<IRiderRegistrationConfigurator> producer)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMassTransit(x =>
        {
            x.UsingInMemory();
            x.AddRider(r =>
            {
                producer(r);
                r.UsingKafka((_, k) => k.Host(TestInfrastructure.Kafka.BootstrapServers));
            });
        });
        return services.BuildServiceProvider();
    }
}

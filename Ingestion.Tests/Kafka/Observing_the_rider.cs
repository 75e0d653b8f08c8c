using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ingestion.Contracts;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Embedded;
using Ingestion.Kafka.Producing;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class Observing_the_rider
{
    [Test]
    public async Task Reports_ready_while_consuming_and_unready_while_the_broker_is_down()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("health", 2);
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingConsumer, CollectingConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>("health", "health-group", e => e.ConfigureConsumer<CollectingConsumer>(context)));
        }, bootstrapServers: broker.BootstrapServers);
        var health = host.Services.GetRequiredService<HealthCheckService>();
        Task<HealthReport> Ready() => health.CheckHealthAsync(c => c.Tags.Contains("ready"));

        await Eventually.Until(() => host.Endpoint().AssignedPartitions.Count == 2, TimeSpan.FromSeconds(20), "the endpoint was assigned");
        var up = await Ready();
        broker.SetAllBrokersDown();
        HealthReport? down = null;
        await EventuallyAsync(async () => (down = await Ready()).Status == HealthStatus.Unhealthy, TimeSpan.FromSeconds(10), "health turned unready");
        broker.SetAllBrokersUp();
        await EventuallyAsync(async () => (await Ready()).Status == HealthStatus.Healthy, TimeSpan.FromSeconds(15), "health recovered");

        Assert.Multiple(() =>
        {
            Assert.That(up.Status, Is.EqualTo(HealthStatus.Healthy));
            Assert.That(up.Entries[KafkaRiderHealthCheck.Name].Tags, Does.Contain("ready"));
            Assert.That(down!.Entries[KafkaRiderHealthCheck.Name].Description, Does.Contain("no Kafka broker answered"));
        });
    }

    [Test]
    public async Task Counts_what_it_does_and_carries_the_trace_from_the_producer_to_the_consumer()
    {
        var topic = TestInfrastructure.CreateTopic("observe", partitions: 1);
        DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var counters = new ConcurrentDictionary<string, long>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == KafkaMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "topic" && (string?)tag.Value == topic)
                    counters.AddOrUpdate(instrument.Name, value, (_, sum) => instrument is ObservableGauge<long> ? value : sum + value);
            }
        });
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KafkaMetrics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(activities);
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name == "poison" ? throw new InvalidOperationException("poison") : Task.CompletedTask,
        };
        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddProducer<MetricRecorded>(topic, SeriesKey.For);
            r.AddConsumer<CollectingConsumer, CollectingConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureConsumer<CollectingConsumer>(context);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        }, consumed);

        var producer = host.Services.GetRequiredService<ITopicProducer<MetricRecorded>>();
        using var request = new Activity("POST /api/v1/metrics").SetIdFormat(ActivityIdFormat.W3C).Start();
        await producer.Produce(new MetricRecorded { Name = "traced", Value = 1 });
        request.Stop();
        await producer.ProduceMany([new MetricRecorded { Name = "poison", Value = 2 }, new MetricRecorded { Name = "plain", Value = 3 }]);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 3, TimeSpan.FromSeconds(20), "everything was committed");
        await Task.Delay(1_100); // the lag snapshot is refreshed once a second
        meters.RecordObservableInstruments();
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Messages.Single(m => m.Message.Name == "traced").TraceId, Is.EqualTo(request.TraceId.ToString()));
            Assert.That(counters.GetValueOrDefault("ingestion.kafka.consumed"), Is.EqualTo(3));
            Assert.That(counters.GetValueOrDefault("ingestion.kafka.succeeded"), Is.EqualTo(3), "dead-lettered records complete too");
            Assert.That(counters.GetValueOrDefault("ingestion.kafka.dead_lettered"), Is.EqualTo(1));
            Assert.That(counters.ContainsKey("ingestion.kafka.lag"), Is.True);
            Assert.That(counters.GetValueOrDefault("ingestion.kafka.lag", -1), Is.Zero);
        });
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }
}

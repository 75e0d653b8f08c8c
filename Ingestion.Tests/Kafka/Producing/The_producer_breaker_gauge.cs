using System.Diagnostics.Metrics;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Embedded;
using Ingestion.Kafka.Producing;

namespace Ingestion.Tests.Kafka.Producing;

[TestFixture]
public sealed class The_producer_breaker_gauge
{
    [Test]
    public async Task Reads_one_once_the_breaker_opened()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("breaker", 1);
        broker.SetAllBrokersDown();
        using var client = new KafkaProducerClient(new KafkaOptions
        {
            BootstrapServers = broker.BootstrapServers,
            DeliveryTimeout = TimeSpan.FromSeconds(1),
            BreakDuration = TimeSpan.FromSeconds(30),
            BreakerMinimumThroughput = 2,
        });
        var producer = new KafkaTopicProducer<MetricRecorded>(client, "breaker");
        var before = client.BreakerOpen;

        for (var i = 0; i < 2; i++)
        {
            try
            {
                await producer.Produce(new MetricRecorded { Name = "cpu", Value = i });
            }
            catch (KafkaProduceException)
            {
                // expected: the broker is down
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.False);
            Assert.That(client.BreakerOpen, Is.True);
            Assert.That(ObserveGauge(), Is.EqualTo(1));
        });
    }

    private static int? ObserveGauge()
    {
        int? observed = null;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == KafkaMetrics.MeterName && instrument.Name == "ingestion.kafka.producer.breaker_open")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => observed = value);
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }
}

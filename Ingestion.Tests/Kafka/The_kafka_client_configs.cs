using Confluent.Kafka;
using Ingestion.Kafka.Configuration;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class The_kafka_client_configs
{
    [Test]
    public void Give_a_consumer_manual_commits_from_the_earliest_offset_and_short_fetch_waits_and_backoffs()
    {
        var config = KafkaClientConfigs.Consumer(new KafkaOptions { BootstrapServers = "broker:9092" }, "group-a");

        Assert.Multiple(() =>
        {
            Assert.That(config.BootstrapServers, Is.EqualTo("broker:9092"));
            Assert.That(config.GroupId, Is.EqualTo("group-a"));
            Assert.That(config.EnableAutoCommit, Is.False);
            Assert.That(config.EnableAutoOffsetStore, Is.False);
            Assert.That(config.AutoOffsetReset, Is.EqualTo(AutoOffsetReset.Earliest));
            // librdkafka's 500 ms default is the latency floor on the embedded broker (it answers a fetch when the wait expires).
            Assert.That(config.FetchWaitMaxMs, Is.EqualTo(50));
            Assert.That(config.FetchQueueBackoffMs, Is.EqualTo(20));
        });
    }

    [Test]
    public void Let_pass_through_settings_override_the_defaults_and_keep_wrapper_settings_to_their_client()
    {
        var options = new KafkaOptions
        {
            Client = new Dictionary<string, string>
            {
                ["fetch.wait.max.ms"] = "500",
                ["security.protocol"] = "SASL_SSL",
                ["dotnet.producer.enable.delivery.reports"] = "true",
            },
        };

        var consumer = KafkaClientConfigs.Consumer(options, "group-b");
        var producer = KafkaClientConfigs.Producer(options);

        Assert.Multiple(() =>
        {
            Assert.That(consumer.FetchWaitMaxMs, Is.EqualTo(500));
            Assert.That(consumer.Get("security.protocol"), Is.EqualTo("SASL_SSL"));
            Assert.That(producer.Get("security.protocol"), Is.EqualTo("SASL_SSL"));
            Assert.That(consumer.Get("dotnet.producer.enable.delivery.reports"), Is.Null, "a producer-only setting stays off the consumer");
            Assert.That(producer.Get("dotnet.producer.enable.delivery.reports"), Is.EqualTo("true"));
        });
    }
}

using Confluent.Kafka;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Native;

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
            Assert.That(config.FetchWaitMaxMs, Is.EqualTo(20));
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

    [Test]
    public void Give_each_kind_of_client_only_its_own_and_the_common_pass_through_settings()
    {
        var options = new KafkaOptions
        {
            Client = new Dictionary<string, string>
            {
                ["session.timeout.ms"] = "6000",
                ["heartbeat.interval.ms"] = "500",
                ["linger.ms"] = "20",
                ["client.id"] = "ingestion-test",
            },
        };

        var consumer = KafkaClientConfigs.Consumer(options, "group-c");
        var producer = KafkaClientConfigs.Producer(options);
        var admin = KafkaClientConfigs.Admin(options);

        Assert.Multiple(() =>
        {
            Assert.That((consumer.SessionTimeoutMs, consumer.HeartbeatIntervalMs, consumer.Get("linger.ms")), Is.EqualTo((6000, 500, (string?)null)));
            Assert.That((producer.Get("session.timeout.ms"), producer.Get("heartbeat.interval.ms"), producer.LingerMs), Is.EqualTo(((string?)null, (string?)null, 20.0)));
            Assert.That(admin.Get("session.timeout.ms"), Is.Null);
            Assert.That(new[] { consumer.ClientId, producer.ClientId, admin.ClientId }, Is.All.EqualTo("ingestion-test"), "common settings reach every client");
        });
    }

    [Test]
    public void Build_a_producer_from_settings_meant_for_consumers_without_a_configuration_warning()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "127.0.0.1:1",
            Client = new Dictionary<string, string> { ["session.timeout.ms"] = "6000", ["heartbeat.interval.ms"] = "500" },
        };
        var logs = new List<LogMessage>();
        KafkaNativeLibrary.EnsureLoaded();

        using (var producer = new ProducerBuilder<byte[]?, byte[]>(KafkaClientConfigs.Producer(options)).SetLogHandler((_, m) => { lock (logs) logs.Add(m); }).Build())
            producer.Flush(TimeSpan.Zero);

        lock (logs)
            Assert.That(logs.Where(m => m.Facility == "CONFWARN").Select(m => m.Message), Is.Empty);
    }
}

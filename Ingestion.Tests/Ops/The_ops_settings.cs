using Ingestion.Ops.Configuration;
using Microsoft.Extensions.Configuration;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class The_ops_settings
{
    [Test]
    public void Connect_with_the_services_kafka_settings_but_without_the_dotnet_wrapper_settings_librdkafka_refuses()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kafka:BootstrapServers"] = "broker-1:9093",
            ["Kafka:Client:security.protocol"] = "SASL_SSL",
            ["Kafka:Client:sasl.mechanism"] = "PLAIN",
            ["Kafka:Client:dotnet.producer.enable.delivery.reports"] = "true",
            ["Kafka:Client:dotnet.consumer.enable.partition.eof"] = "false",
        }).Build();

        var config = OpsSettings.From(configuration).KafkaClientConfig();

        Assert.Multiple(() =>
        {
            Assert.That(config.BootstrapServers, Is.EqualTo("broker-1:9093"));
            Assert.That(config.Get("security.protocol"), Is.EqualTo("SASL_SSL"));
            Assert.That(config.Get("sasl.mechanism"), Is.EqualTo("PLAIN"));
            Assert.That(config.Where(setting => setting.Key.StartsWith("dotnet.", StringComparison.Ordinal)), Is.Empty);
        });
    }
}

using Ingestion.Contracts;
using Ingestion.Kafka.Producing;
using Ingestion.Tests.Support;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class The_api_producer
{
    [Test]
    public async Task Writes_records_directly_without_a_send_context_as_shipped()
    {
        await using var api = await ApiApplicationFactory.StartAsync("api_producer");

        var producer = (KafkaTopicProducer<MetricRecorded>)api.Services.GetRequiredService<ITopicProducer<MetricRecorded>>();

        Assert.That(producer.WritesDirectly, Is.True, "no send filter or observer is configured, so the hot path builds no send context");
    }
}

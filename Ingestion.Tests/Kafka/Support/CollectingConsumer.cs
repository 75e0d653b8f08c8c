using System.Diagnostics;
using Ingestion.Contracts;
using Ingestion.Kafka.Consuming;
using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

public sealed class CollectingConsumer(ConsumedMessages consumed) : IConsumer<MetricRecorded>
{
    public Task Consume(ConsumeContext<MetricRecorded> context) =>
        consumed.Consume(context.Message, context.GetKafkaRecord(), Activity.Current?.TraceId.ToString());
}

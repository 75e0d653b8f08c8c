using Ingestion.Consumers.Consumers;
using Ingestion.Contracts;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.DeadLettering;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Extensions;

/// <summary>The bus and the Kafka rider: one topic endpoint for <c>metrics</c> in the worker group, with the batch consumer.</summary>
internal static class MessagingExtensions
{
    public static void AddWorkerMessaging(this IHostApplicationBuilder builder) =>
        builder.Services.AddMassTransit(bus =>
        {
            // Kafka-only: the in-memory bus hosts the rider's consume pipelines; nothing is sent through it.
            bus.UsingInMemory();
            bus.AddRider(rider =>
            {
                rider.AddConsumer<MetricRecordedConsumer, MetricRecordedConsumerDefinition>();
                rider.UsingKafka((context, kafka) =>
                {
                    var worker = context.GetRequiredService<IOptions<WorkerOptions>>().Value;
                    kafka.TopicEndpoint<MetricRecorded>(worker.Topic, worker.GroupId, endpoint =>
                    {
                        // Final faults go down the error pipe to the dead-letter filter (the rider redelivers the others).
                        endpoint.UseDeadLetterTopic(worker.DeadLetterTopic);
                        // Each partition window reaches the consumer as one batch (one dispatch, one INSERT).
                        endpoint.ConfigureBatchConsumer<MetricRecordedConsumer, MetricRecorded>(context);
                    });
                });
            });
        });
}

using Ingestion.Consumers.Persisting;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Redelivery;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Ingestion.Consumers.Consumers;

/// <summary>Window size, retry, redelivery and concurrency of <see cref="MetricRecordedConsumer"/>.</summary>
public sealed class MetricRecordedConsumerDefinition(IOptions<WorkerOptions> options) : ConsumerDefinition<MetricRecordedConsumer>
{
    protected override void ConfigureConsumer(
        IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<MetricRecordedConsumer> consumerConfigurator,
        IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(endpointConfigurator);
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        var worker = options.Value;

        // First level: short in-memory retries for blips (a dropped connection, a serialization failure).
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Handle<Exception>(TransientExceptions.IsTransient);
            retry.Exponential(3, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(300));
        });

        if (endpointConfigurator is IKafkaTopicReceiveEndpointConfigurator kafka)
        {
            // A batch is a partition's window (up to BatchSize records in offset order), or, when windows wait for one of the
            // ConcurrentBatches slots (each holds a database connection), several partitions' windows combined into one batch
            // of up to BatchSize records (the rider's default, SetWindowCombining): at low rates one transaction for many windows.
            kafka.SetWindowSize(worker.BatchSize);
            // Optional (Worker:BatchTimeLimit, default 0: never waits): how long a small window waits to fill. The combined
            // windows above already make fewer, fuller batches at low rates without adding latency.
            kafka.SetWindowTimeLimit(worker.BatchTimeLimit);
            kafka.SetConcurrentPartitionLimit(worker.ConcurrentBatches);
            // Second level: the partition pauses and the batch comes back after a growing delay, while PostgreSQL is away.
            kafka.UseRedelivery(redelivery =>
            {
                redelivery.Intervals(worker.EffectiveRedeliveryDelays);
                // Which failure is whose: only a row PostgreSQL refuses for its data (SQLSTATE 22, 23) is the record's: the
                // rider splits a window that failed so until the row stands alone, then dead-letters it (one attempt, no
                // redelivery: the same row fails every time). Everything else (a missing table, a revoked privilege, a dropped connection, anything
                // unknown) is an infrastructure fault: the batch waits and is redelivered on the delays above, never dead-lettered.
                redelivery.IsRecordFault = RecordFaults.IsRecordFault;
            });
            // Fetched records waiting in memory: four windows per partition (a paused partition refetches, so pausing must be
            // rare and early enough); the rider keeps the endpoint's limit at twice that, and the rest waits in librdkafka's
            // prefetch queue, 4 MB per assigned partition (librdkafka's 64 MB default times 12 partitions would be most of the
            // memory budget; with the rider's 20 ms fetch backoff, 4 MB kept one worker at 45,000-69,000
            // metrics/s, docs/benchmarks/worker.md).
            kafka.SetPartitionBufferLimit(Math.Max(worker.BatchSize * 4, 4_000));
            kafka.ConfigureConsumerConfig(consumer => consumer.QueuedMaxMessagesKbytes ??= 4_096);
            // Leave the host time to finish the rest of its shutdown.
            kafka.SetStopTimeout(worker.ShutdownTimeout * 0.8);
        }
    }
}

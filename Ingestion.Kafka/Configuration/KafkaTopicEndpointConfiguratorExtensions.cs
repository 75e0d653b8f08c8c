using Confluent.Kafka;
using MassTransit;

namespace Ingestion.Kafka.Configuration;

/// <summary>
/// Our topic endpoint settings, which MassTransit.Kafka does not have (or has with another meaning): the window, partition
/// concurrency, fetch buffers and the stop timeout.
/// </summary>
public static class KafkaTopicEndpointConfiguratorExtensions
{
    /// <summary>
    /// Records of one partition dispatched at the same time, in offset order (default 1: strict order). With
    /// <c>ConfigureBatchConsumer</c> the largest batch; a batch consumer under <c>ConfigureConsumer</c> needs at least its batch
    /// size here. Not MassTransit.Kafka's <c>ConcurrentDeliveryLimit</c>, which is concurrency per key.
    /// </summary>
    public static void SetWindowSize(this IKafkaTopicReceiveEndpointConfigurator endpoint, int records)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        Of(endpoint).WindowSize = records;
    }

    /// <summary>
    /// How long a window smaller than the window size waits for more of its partition's records before it is dispatched
    /// (default zero: never). Like a batch time limit: at low rates fewer, fuller windows, each delayed at most this much.
    /// </summary>
    public static void SetWindowTimeLimit(this IKafkaTopicReceiveEndpointConfigurator endpoint, TimeSpan timeLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeLimit, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeLimit, TimeSpan.FromSeconds(10));
        Of(endpoint).WindowTimeLimit = timeLimit;
    }

    /// <summary>Partitions dispatching at the same time; 0 (the default) = every assigned partition.</summary>
    public static void SetConcurrentPartitionLimit(this IKafkaTopicReceiveEndpointConfigurator endpoint, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partitions);
        Of(endpoint).ConcurrentPartitionLimit = partitions;
    }

    /// <summary>
    /// With <c>ConfigureBatchConsumer</c>: whether windows of several partitions that wait for a slot of the concurrent
    /// partition limit go together as one batch (default true), whole windows up to the window size in records, each
    /// partition's records in offset order; a window goes at once, alone, whenever a slot is free. At low rates one batch
    /// (one transaction) carries several partitions' few records. False: every batch holds one partition's records.
    /// Record-by-record endpoints (<c>ConfigureConsumer</c>) never combine.
    /// </summary>
    public static void SetWindowCombining(this IKafkaTopicReceiveEndpointConfigurator endpoint, bool enabled)
    {
        Of(endpoint).CombinesWindows = enabled;
    }

    /// <summary>
    /// Records fetched ahead per partition before it is paused (default 2,000; at least twice the window). Bounds what a
    /// partition stalled in redelivery holds; keep it a few windows deep, since pausing drops librdkafka's prefetch.
    /// </summary>
    public static void SetPartitionBufferLimit(this IKafkaTopicReceiveEndpointConfigurator endpoint, int records)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        Of(endpoint).PartitionBufferLimit = records;
    }

    /// <summary>
    /// Records fetched ahead across all partitions before the endpoint stops taking more from the client (default 4,000; at
    /// least twice the partition buffer limit); the rest waits in librdkafka's queue, outside the managed heap.
    /// </summary>
    public static void SetEndpointBufferLimit(this IKafkaTopicReceiveEndpointConfigurator endpoint, int records)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(records, 1);
        Of(endpoint).EndpointBufferLimit = records;
    }

    /// <summary>How long a stop or a revoke waits for in-flight windows before cancelling them (default 10 s).</summary>
    public static void SetStopTimeout(this IKafkaTopicReceiveEndpointConfigurator endpoint, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        Of(endpoint).StopTimeout = timeout;
    }

    /// <summary>
    /// The last word on the Confluent <see cref="ConsumerConfig"/>: runs after the rider's defaults, the <c>Kafka:Client</c>
    /// section and the flat client settings set before it.
    /// </summary>
    public static void ConfigureConsumerConfig(this IKafkaTopicReceiveEndpointConfigurator endpoint, Action<ConsumerConfig> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Of(endpoint).AddConsumerConfiguration(configure);
    }

    internal static KafkaTopicEndpointSettings Of(IKafkaTopicReceiveEndpointConfigurator endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint is KafkaTopicReceiveEndpointConfigurator kafka
            ? kafka.Settings
            : throw new ArgumentException("Not a topic endpoint of this rider (configure it inside k.TopicEndpoint).", nameof(endpoint));
    }
}

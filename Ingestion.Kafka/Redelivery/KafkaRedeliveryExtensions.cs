using Ingestion.Kafka.Configuration;
using MassTransit;

namespace Ingestion.Kafka.Redelivery;

/// <summary>Configures the rider's redelivery (ours: MassTransit.Kafka has none that pauses the partition).</summary>
public static class KafkaRedeliveryExtensions
{
    /// <summary>
    /// Sets how the endpoint redelivers: the delays, how often a non-transient failure is redelivered before the dead-letter
    /// topic, and which failures are transient or the record's. Redelivery is always on; this changes its settings.
    /// </summary>
    public static void UseRedelivery(this IKafkaTopicReceiveEndpointConfigurator endpoint, Action<IKafkaRedeliveryConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(new KafkaRedeliveryConfigurator(KafkaTopicEndpointConfiguratorExtensions.Of(endpoint)));
    }
}

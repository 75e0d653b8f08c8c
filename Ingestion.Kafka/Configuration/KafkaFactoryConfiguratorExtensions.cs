using MassTransit;

namespace Ingestion.Kafka.Configuration;

/// <summary>Our additions to <c>UsingKafka</c> (MassTransit.Kafka has neither): the settings as one <see cref="KafkaOptions"/>.</summary>
public static class KafkaFactoryConfiguratorExtensions
{
    /// <summary>Adds the Kafka rider with the settings of the <c>Kafka</c> configuration section.</summary>
    public static void UsingKafka(this IRiderRegistrationConfigurator rider, Action<IKafkaFactoryConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        KafkaRiderServices.UsingKafka(rider, (_, k) => configure(k));
    }

    /// <summary>Uses <paramref name="options"/> (bootstrap servers, pass-through client settings, producer settings) instead of the bound ones.</summary>
    public static void Host(this IKafkaFactoryConfigurator configurator, KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(options);
        if (configurator is not KafkaFactoryConfigurator kafka)
            throw new ArgumentException("Not this rider's configurator (call it inside rider.UsingKafka).", nameof(configurator));
        kafka.Host(options);
    }
}

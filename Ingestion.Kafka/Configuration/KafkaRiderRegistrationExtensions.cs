using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Diagnostics;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Kafka;

/// <summary>
/// <c>rider.AddProducer&lt;T&gt;(topic)</c> and <c>rider.UsingKafka(...)</c>: the same names as MassTransit.Kafka.
/// </summary>
public static class KafkaRiderRegistrationExtensions
{
    /// <summary>
    /// Registers <see cref="ITopicProducer{T}"/> for <paramref name="topic"/>. <paramref name="keyResolver"/> chooses the record key
    /// (for metrics: <c>SeriesKey.For</c>); <paramref name="messageIdResolver"/> the <c>message-id</c> header (default: a new id).
    /// </summary>
    public static void AddProducer<T>(this IRiderRegistrationConfigurator rider, string topic,
        Func<T, string?>? keyResolver = null, Func<T, Guid?>? messageIdResolver = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rider);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        AddKafkaCore(rider);
        rider.AddSingleton<ITopicProducer<T>>(provider =>
            new KafkaTopicProducer<T>(provider.GetRequiredService<KafkaProducerClient>(), topic, keyResolver, messageIdResolver));
    }

    /// <summary>Adds the Kafka rider to the bus; <paramref name="configure"/> sets the host and declares the topic endpoints.</summary>
    public static void UsingKafka(this IRiderRegistrationConfigurator rider, Action<IRiderRegistrationContext, IKafkaFactoryConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(rider);
        ArgumentNullException.ThrowIfNull(configure);
        AddKafkaCore(rider);
        rider.TryAddSingleton<IDeadLetterProducer>(provider => new KafkaDeadLetterProducer(provider.GetRequiredService<KafkaProducerClient>(),
            provider.GetRequiredService<DeadLetterSizeLimit>(), provider.GetService<ILogger<KafkaDeadLetterProducer>>()));
        rider.AddHealthChecks().AddCheck<KafkaRiderHealthCheck>(KafkaRiderHealthCheck.Name, tags: ["ready"]);
        rider.SetRiderFactory(new KafkaRegistrationRiderFactory(configure));
    }

    /// <summary>Adds the Kafka rider with the settings of the <c>Kafka</c> configuration section.</summary>
    public static void UsingKafka(this IRiderRegistrationConfigurator rider, Action<IKafkaFactoryConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        rider.UsingKafka((_, k) => configure(k));
    }

    private static void AddKafkaCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(KafkaProducerClient))) return;
        services.AddOptions<KafkaOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<KafkaOptions>, KafkaOptionsSetup>();
        services.TryAddSingleton(provider => new KafkaProducerClient(RiderOptions(provider), provider.GetService<ILogger<KafkaProducerClient>>()));
        services.TryAddSingleton(provider => new KafkaBrokerProbe(RiderOptions(provider)));
        services.TryAddSingleton(provider => DeadLetterSizeLimit.For(RiderOptions(provider), provider.GetService<ILogger<DeadLetterSizeLimit>>()));
    }

    // The producer uses the rider's host when a rider is configured (k.Host(...)), else the bound options. The rider's
    // specification is a singleton the bus uses later, so creating it here runs the UsingKafka callback only once.
    private static KafkaOptions RiderOptions(IServiceProvider provider)
    {
        var rider = provider.GetServices<Bind<IBus, IBusInstanceSpecification>>()
            .Select(b => b.Value).OfType<KafkaBusInstanceSpecification>().FirstOrDefault();
        return rider?.Options ?? provider.GetRequiredService<IOptions<KafkaOptions>>().Value;
    }
}

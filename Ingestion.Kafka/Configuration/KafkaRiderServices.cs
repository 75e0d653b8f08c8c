using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Producing;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using MassTransit.Transports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Kafka.Configuration;

/// <summary>The registrations behind <c>AddProducer</c> and <c>UsingKafka</c>, shared by the official-named extensions and ours.</summary>
internal static class KafkaRiderServices
{
    public static void AddProducer<T>(IRiderRegistrationConfigurator rider, string topic, Func<T, string?>? keyResolver,
        Func<T, Guid?>? messageIdResolver, Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>>? configure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rider);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        AddKafkaCore(rider);
        rider.AddSingleton<KafkaProducerRegistration>(new KafkaProducerRegistration<T>(topic, configure));
        rider.AddSingleton<ITopicProducer<T>>(provider => new KafkaTopicProducer<T>(
            provider.GetRequiredService<KafkaProducerClient>(), topic, keyResolver, messageIdResolver, BusPipeline<T>(provider, topic)));
    }

    public static void AddProducer<TKey, T>(IRiderRegistrationConfigurator rider, string topic, KafkaKeyResolver<TKey, T> keyResolver,
        Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>>? configure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rider);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(keyResolver);
        if (!KafkaKeys.IsSupported(typeof(TKey)))
            throw new ArgumentException($"Kafka keys of type {typeof(TKey).Name} are not supported; use string, byte[], int, long, float or double.", nameof(keyResolver));
        AddKafkaCore(rider);
        rider.AddSingleton<KafkaProducerRegistration>(new KafkaProducerRegistration<T>(topic, configure));
        rider.AddSingleton<ITopicProducer<T>>(provider => new KafkaTopicProducer<T>(
            provider.GetRequiredService<KafkaProducerClient>(), topic, keyResolver: null, messageIdResolver: null, BusPipeline<T>(provider, topic),
            (message, cancellationToken) => new KafkaMessageSendContext<TKey, T>(message, keyResolver, cancellationToken)));
    }

    public static void UsingKafka(IRiderRegistrationConfigurator rider, Action<IRiderRegistrationContext, IKafkaFactoryConfigurator> configure)
    {
        ArgumentNullException.ThrowIfNull(rider);
        ArgumentNullException.ThrowIfNull(configure);
        AddKafkaCore(rider);
        rider.TryAddSingleton<IDeadLetterProducer>(provider => new KafkaDeadLetterProducer(provider.GetRequiredService<KafkaProducerClient>(),
            provider.GetRequiredService<DeadLetterSizeLimit>(), provider.GetService<ILogger<KafkaDeadLetterProducer>>()));
        rider.AddHealthChecks().AddCheck<KafkaRiderHealthCheck>(KafkaRiderHealthCheck.Name, tags: ["ready"]);
        rider.SetRiderFactory(new KafkaRegistrationRiderFactory(configure));
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

    // The producer's MassTransit pipeline lives on the bus instance the rider boards: resolving the bus instance creates it
    // (and configures the rider) if nothing has yet.
    private static KafkaSendPipeline<T>? BusPipeline<T>(IServiceProvider provider, string topic)
        where T : class
    {
        var rider = RiderSpecification(provider);
        if (rider is null) return null;
        _ = provider.GetRequiredService<Bind<IBus, IBusInstance>>().Value;
        return rider.Pipeline<T>(topic);
    }

    private static KafkaBusInstanceSpecification? RiderSpecification(IServiceProvider provider) =>
        provider.GetServices<Bind<IBus, IBusInstanceSpecification>>().Select(b => b.Value).OfType<KafkaBusInstanceSpecification>().FirstOrDefault();

    // The producer uses the rider's host when a rider is configured (k.Host(...)), else the bound options. The rider's
    // specification is a singleton the bus uses later, so creating it here runs the UsingKafka callback only once.
    private static KafkaOptions RiderOptions(IServiceProvider provider)
    {
        var rider = RiderSpecification(provider);
        return rider?.Options ?? provider.GetRequiredService<IOptions<KafkaOptions>>().Value;
    }
}

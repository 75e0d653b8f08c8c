using Ingestion.Kafka;
using Ingestion.Kafka.Configuration;
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

namespace MassTransit;

/// <summary>
/// <c>rider.AddProducer&lt;T&gt;(topic)</c> and <c>rider.UsingKafka(...)</c>: the same names as MassTransit.Kafka.
/// </summary>
public static class KafkaRiderRegistrationExtensions
{
    /// <summary>
    /// Registers <see cref="ITopicProducer{T}"/> for <paramref name="topic"/>. <paramref name="keyResolver"/> chooses the record key
    /// (for metrics: <c>SeriesKey.For</c>); <paramref name="messageIdResolver"/> the <c>message-id</c> header (default: a new id);
    /// <paramref name="configure"/> adds send filters, send observers or another serializer for this producer. Records run
    /// through MassTransit's send pipeline of the bus the rider boards (<c>UsingKafka</c>); without a Kafka rider the
    /// producer has only its own observers.
    /// </summary>
    public static void AddProducer<T>(this IRiderRegistrationConfigurator rider, string topic,
        Func<T, string?>? keyResolver = null, Func<T, Guid?>? messageIdResolver = null,
        Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>>? configure = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rider);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        AddKafkaCore(rider);
        rider.AddSingleton<KafkaProducerRegistration>(new KafkaProducerRegistration<T>(topic, configure));
        rider.AddSingleton<ITopicProducer<T>>(provider => new KafkaTopicProducer<T>(
            provider.GetRequiredService<KafkaProducerClient>(), topic, keyResolver, messageIdResolver, BusPipeline<T>(provider, topic)));
    }

    /// <summary>
    /// Registers <see cref="ITopicProducer{T}"/> for <paramref name="topic"/> whose record key <paramref name="keyResolver"/>
    /// chooses from each record's send context (MassTransit.Kafka's overload) unless a send filter or the caller's pipe set
    /// <see cref="KafkaSendContext{TKey, T}.Key"/> (the context is a <c>KafkaSendContext&lt;TKey, T&gt;</c>). <typeparamref name="TKey"/>:
    /// string, byte[], int, long, float or double, written as Confluent.Kafka's serializers write them. Every record then gets a send context.
    /// </summary>
    public static void AddProducer<TKey, T>(this IRiderRegistrationConfigurator rider, string topic, KafkaKeyResolver<TKey, T> keyResolver,
        Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>>? configure = null)
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

    /// <summary>Registers <see cref="ITopicProducer{T}"/> for <paramref name="topic"/> without a key, configured by <paramref name="configure"/>.</summary>
    public static void AddProducer<T>(this IRiderRegistrationConfigurator rider, string topic,
        Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>> configure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        rider.AddProducer(topic, keyResolver: null, messageIdResolver: null, configure);
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

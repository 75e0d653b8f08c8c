using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Configuration;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Kafka;

/// <summary>Batch consumers fed by whole partition windows.</summary>
public static class KafkaBatchConsumerExtensions
{
    /// <summary>
    /// Connects the registered batch consumer <typeparamref name="TConsumer"/> so that each window the endpoint takes from a
    /// partition (up to the window size, <c>SetWindowSize</c>, records in offset order) reaches it
    /// as one <c>Batch&lt;TMessage&gt;</c>, instead of dispatching every record on its own through MassTransit's batch
    /// collector. The consumer definition applies as with <c>ConfigureConsumer</c> (its retry and filters run once per
    /// batch; its <c>BatchOptions</c> do not, the window is the batch). Every member keeps its own
    /// <see cref="KafkaRecordContext"/>; a record that cannot be read as <typeparamref name="TMessage"/> is dead-lettered
    /// and left out of the batch; a failed batch is redelivered, or split until the failing record stands alone.
    /// Concurrency is per partition: <c>SetConcurrentPartitionLimit</c> batches at once.
    /// The endpoint then delivers windows only: other consumers configured on it receive nothing.
    /// </summary>
    /// <exception cref="ConfigurationException"><typeparamref name="TConsumer"/> was not registered with <c>AddConsumer</c>.</exception>
    public static void ConfigureBatchConsumer<TConsumer, TMessage>(this IKafkaTopicReceiveEndpointConfigurator endpoint, IRegistrationContext context)
        where TConsumer : class, IConsumer<Batch<TMessage>>
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(context);
        // Unregistered, every window would fail at consume time and end in the dead-letter topic: refuse to start instead.
        if (context.GetService<IServiceProviderIsService>()?.IsService(typeof(TConsumer)) == false)
            throw new ConfigurationException(
                $"{typeof(TConsumer).Name} is not registered: add it with rider.AddConsumer<{typeof(TConsumer).Name}>() before ConfigureBatchConsumer.");
        var consumerFactory = new ScopeConsumerFactory<TConsumer>(new ConsumeScopeProvider(context));
        var specification = ConsumerConnectorCache<TConsumer>.Connector.CreateConsumerSpecification<TConsumer>();
        // As ConfigureConsumer does: the endpoint's consumer-configuration observers (scoped UseConsumeFilter filters among
        // them) see this consumer's configuration.
        specification.ConnectConsumerConfigurationObserver(endpoint);
        context.GetService<IConsumerDefinition<TConsumer>>()?.Configure(endpoint, specification, context);
        KafkaTopicEndpointConfiguratorExtensions.Of(endpoint).DeliversWindows = true;
        endpoint.AddEndpointSpecification(new WindowBatchConsumerSpecification<TConsumer, TMessage>(consumerFactory, specification));
    }
}

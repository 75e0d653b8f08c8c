using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Producing;
using Ingestion.Kafka.Redelivery;
using Ingestion.Kafka.Riding;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Serialization;
using MassTransit.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Kafka.Configuration;

/// <summary>
/// Builds each topic endpoint's consume pipeline on the bus's host (as MassTransit's own receive endpoint dispatcher does)
/// and connects the rider to the bus instance.
/// </summary>
internal sealed class KafkaBusInstanceSpecification(
    IRiderRegistrationContext context, KafkaFactoryConfigurator configurator, IReadOnlyList<object> producers)
    : IBusInstanceSpecification
{
    private readonly KafkaOptions options = configurator.Options;
    private readonly IReadOnlyList<TopicEndpointDefinition> definitions = configurator.Endpoints;
    private KafkaSendHost? sendHost;

    public KafkaOptions Options => options;

    /// <summary>
    /// The send pipeline of the producer registered for <typeparamref name="T"/> on <paramref name="topic"/>, on the bus this
    /// rider boarded; null before the bus instance exists or when no such producer was registered.
    /// </summary>
    public KafkaSendPipeline<T>? Pipeline<T>(string topic)
        where T : class
    {
        var specification = producers.OfType<KafkaProducerSpecification<T>>().LastOrDefault(p => p.Topic == topic);
        return sendHost is null || specification is null ? null : specification.Build(sendHost);
    }

    public IEnumerable<ValidationResult> Validate()
    {
        if (string.IsNullOrWhiteSpace(options.BootstrapServers))
            yield return new KafkaValidationResult("Kafka", "BootstrapServers", "The Kafka bootstrap servers are not set (Kafka:BootstrapServers).");
    }

    public void Configure(IBusInstance busInstance)
    {
        sendHost = new KafkaSendHost(busInstance, configurator.SendConfigurators, configurator.SendObservers);
        var endpoints = definitions.Select(d => CreateEndpoint(busInstance, d)).ToList();
        busInstance.Connect<IKafkaRider>(new KafkaRider(options, endpoints));
    }

    private KafkaTopicEndpoint CreateEndpoint(IBusInstance busInstance, TopicEndpointDefinition definition)
    {
        var name = $"kafka-{definition.GroupId}-{definition.Topic}";
        var configuration = busInstance.HostConfiguration.CreateReceiveEndpointConfiguration(name, _ => { });
        var configurator = configuration as IReceiveEndpointConfigurator
            ?? throw new ConfigurationException($"The bus cannot host the Kafka topic endpoint '{definition.Topic}'.");

        // The rider redelivers and isolates; only final faults go on down the error pipe to the dead-letter filter.
        DeadLetterTopicExtensions.PrepareFaultPipes(configurator);
        configurator.PublishFaults = false;
        configurator.ConfigureConsumeTopology = false;
        // Plain JSON (any producer, any language) and MassTransit's envelope, chosen by the content type.
        configurator.UseRawJsonDeserializer(RawSerializerOptions.AnyMessageType, isDefault: false);

        var settings = new KafkaTopicEndpointSettings(definition.Topic);
        var kafka = new KafkaTopicReceiveEndpointConfigurator(configurator, definition.Topic, definition.GroupId, settings);
        // MassTransit's endpoint callbacks (AddConfigureEndpointsCallback) first, so their error filters run before the
        // dead-letter filter the endpoint's own configuration places.
        foreach (var callback in context.GetServices<IConfigureReceiveEndpoint>())
            callback.Configure(name, kafka);
        definition.Configure(kafka);
        DeadLetterTopicExtensions.CompleteFaultPipes(configurator, settings);
        // After the endpoint's retry: counts every try of a record, for the dead-letter record's attempts.
        if (!settings.DeliversWindows) AttemptCountingObserver.Attach(configurator);
        configuration.Validate().ThrowIfContainsFailure($"The Kafka topic endpoint '{definition.Topic}' is invalid:");

        var dispatcher = new ReceiveEndpointDispatcher(configuration.CreateReceiveEndpointContext());
        return new KafkaTopicEndpoint(definition.Topic, definition.GroupId, settings, options, dispatcher, context);
    }
}

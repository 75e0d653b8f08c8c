using MassTransit;

namespace Ingestion.Kafka.Producing;

/// <summary>One <c>AddProducer</c> call, kept in the container until the rider is created.</summary>
internal abstract class KafkaProducerRegistration(string topic, Type messageType)
{
    public string Topic => topic;

    public Type MessageType => messageType;

    /// <summary>Runs the configure callback; the result is built into a pipeline when the bus instance exists.</summary>
    public abstract object CreateSpecification(IRiderRegistrationContext context);
}

internal sealed class KafkaProducerRegistration<T>(string topic, Action<IRiderRegistrationContext, IKafkaProducerConfigurator<T>>? configure)
    : KafkaProducerRegistration(topic, typeof(T))
    where T : class
{
    public override object CreateSpecification(IRiderRegistrationContext context)
    {
        var specification = new KafkaProducerSpecification<T>(Topic);
        configure?.Invoke(context, specification);
        return specification;
    }
}

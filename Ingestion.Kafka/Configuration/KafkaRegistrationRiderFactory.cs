using Ingestion.Kafka.Producing;
using Ingestion.Kafka.Riding;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ingestion.Kafka.Configuration;

/// <summary>Runs the <c>UsingKafka</c> callback when the bus is created and hands MassTransit the rider's specification.</summary>
internal sealed class KafkaRegistrationRiderFactory(Action<IRiderRegistrationContext, IKafkaFactoryConfigurator> configure)
    : IRegistrationRiderFactory<IKafkaRider>
{
    public IBusInstanceSpecification CreateRider(IRiderRegistrationContext context)
    {
        var options = context.GetRequiredService<IOptions<KafkaOptions>>().Value.Clone();
        var configurator = new KafkaFactoryConfigurator(options);
        configure(context, configurator);
        var producers = context.GetServices<KafkaProducerRegistration>().Select(r => r.CreateSpecification(context)).ToList();
        return new KafkaBusInstanceSpecification(context, configurator, producers);
    }
}

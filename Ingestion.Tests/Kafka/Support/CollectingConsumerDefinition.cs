using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

/// <summary>Two immediate retries, for timeouts only.</summary>
public sealed class CollectingConsumerDefinition : ConsumerDefinition<CollectingConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CollectingConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Immediate(2);
            r.Handle<TimeoutException>();
        });
    }
}

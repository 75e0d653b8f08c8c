using MassTransit;

namespace Ingestion.Tests.Kafka.Support;

public sealed class CollectingBatchConsumerDefinition : ConsumerDefinition<CollectingBatchConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<CollectingBatchConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.Options<BatchOptions>(o => o.SetMessageLimit(50).SetTimeLimit(TimeSpan.FromMilliseconds(50)));
    }
}

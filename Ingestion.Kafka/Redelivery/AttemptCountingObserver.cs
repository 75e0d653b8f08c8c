using MassTransit;
using MassTransit.Configuration;

namespace Ingestion.Kafka.Redelivery;

/// <summary>
/// Puts an <see cref="AttemptCountingFilter{T}"/> on a record-by-record topic endpoint's pipe of each message type its
/// consumers and handlers take. Connected after the endpoint's own configuration, so MassTransit adds it after the retry
/// that <c>UseMessageRetry</c> on the endpoint (as consumer definitions call it) put on the same pipe: it counts every try.
/// Batch consumers are left alone (a window batch consumer counts in its own pipe).
/// </summary>
internal sealed class AttemptCountingObserver : ConfigurationObserver, IMessageConfigurationObserver
{
    private AttemptCountingObserver(IConsumePipeConfigurator configurator) : base(configurator) => Connect(this);

    public static void Attach(IConsumePipeConfigurator configurator) => _ = new AttemptCountingObserver(configurator);

    public void MessageConfigured<TMessage>(IConsumePipeConfigurator configurator)
        where TMessage : class =>
        configurator.AddPipeSpecification(new FilterPipeSpecification<ConsumeContext<TMessage>>(new AttemptCountingFilter<TMessage>()));
}

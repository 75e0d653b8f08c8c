using Ingestion.Kafka.Redelivery;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Middleware;

namespace Ingestion.Kafka.Batching;

/// <summary>
/// Connects a batch consumer to a topic endpoint's window dispatches: the consumer's own message pipe for
/// <c>Batch&lt;TMessage&gt;</c> (what its definition configured, then a scoped consumer instance), fed by
/// <see cref="WindowBatchFilter{TMessage}"/> instead of MassTransit's batch collector.
/// </summary>
internal sealed class WindowBatchConsumerSpecification<TConsumer, TMessage>(
    IConsumerFactory<TConsumer> consumerFactory, IConsumerSpecification<TConsumer> specification) : IReceiveEndpointSpecification
    where TConsumer : class, IConsumer<Batch<TMessage>>
    where TMessage : class
{
    public IEnumerable<ValidationResult> Validate() => consumerFactory.Validate().Concat(specification.Validate());

    public void Configure(IReceiveEndpointBuilder builder)
    {
        var messageSpecification = specification.GetMessageSpecification<Batch<TMessage>>();
        var consumerPipe = messageSpecification.Build(new MethodConsumerMessageFilter<TConsumer, Batch<TMessage>>());
        var batchPipe = messageSpecification.BuildMessagePipe(pipe =>
        {
            specification.ConfigureMessagePipe(pipe);
            // Innermost, inside any retry: counts the consumer's real attempts for the dead-letter record.
            pipe.UseFilter(new AttemptCountingFilter<Batch<TMessage>>());
            pipe.UseFilter(new ConsumerMessageFilter<TConsumer, Batch<TMessage>>(consumerFactory, consumerPipe));
        });
        builder.ConnectConsumePipe(Pipe.New<ConsumeContext<KafkaRecordWindow>>(pipe => pipe.UseFilter(new WindowBatchFilter<TMessage>(batchPipe))));
    }
}

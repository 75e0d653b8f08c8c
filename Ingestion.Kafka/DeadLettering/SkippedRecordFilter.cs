using MassTransit;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// The dead-letter filter on a topic endpoint's skipped-message pipe (<c>ConfigureDeadLetter</c>): a record no consumer took
/// goes to the dead-letter topic (reason <c>deserialization</c>) like one that could not be read.
/// </summary>
internal sealed class SkippedRecordFilter(string? topic) : IFilter<ReceiveContext>
{
    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        var exception = new MessageNotConsumedException(context.InputAddress, $"No consumer on {context.InputAddress} took the message.");
        if (!await DeadLetterTopicFilter.DeadLetterAsync(context, exception, topic).ConfigureAwait(false))
            await next.Send(context).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("kafkaSkippedDeadLetter");
}

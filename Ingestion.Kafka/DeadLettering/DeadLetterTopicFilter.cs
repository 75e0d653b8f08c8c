using Ingestion.Kafka.Consuming;
using MassTransit;

using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Producing;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// The dead-letter filter on a topic endpoint's error pipe (<see cref="DeadLetterTopicExtensions.UseDeadLetterTopic"/>):
/// writes the failed record to the dead-letter topic and completes once the broker acknowledged it, which settles the fault
/// (the rider then commits past the record). Faults it cannot place (not from a Kafka record) go on down the pipe. Should the
/// dead-letter produce fail, the exception goes back to the rider, which waits and delivers the record again.
/// </summary>
internal sealed class DeadLetterTopicFilter(string? topic) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        if (!await DeadLetterAsync(context, context.Exception, topic).ConfigureAwait(false))
            await next.Send(context).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("kafkaDeadLetterTopic").Add("topic", topic ?? "(endpoint default)");

    /// <summary>Dead-letters the record behind <paramref name="context"/>; false when it did not come from a Kafka record.</summary>
    internal static async Task<bool> DeadLetterAsync(ReceiveContext context, Exception exception, string? topic)
    {
        if (!context.TryGetPayload(out KafkaRecordContext? record) || record.Endpoint.DeadLetters is not { } producer)
            return false;
        if (record.DeadLettered) return true;
        var attempts = context.TryGetPayload(out DispatchAttempt? attempt) ? attempt.TotalAttempts : record.DeliveryCount;
        var kind = attempt?.Classify(exception) ?? FailureKind.Permanent;
        var reason = FailureClassifier.Reason(kind);
        var deadLetterTopic = topic ?? record.Endpoint.DeadLetterTopic;
        try
        {
            await producer.DeadLetter(record, deadLetterTopic, reason, exception.Message, exception.GetType().FullName, attempts, context.CancellationToken)
                .ConfigureAwait(false);
        }
        catch (KafkaProduceException failure)
        {
            producer.Logger.DeadLetterNotAcknowledged(failure, record.Topic, record.Partition, record.Offset);
            throw;
        }
        record.DeadLettered = true;
        producer.Logger.DeadLettered(exception, record.Topic, record.Partition, record.Offset, reason, deadLetterTopic);
        KafkaMetrics.DeadLettered.Add(1, KafkaMetrics.Tags(record.Topic, record.GroupId));
        return true;
    }
}

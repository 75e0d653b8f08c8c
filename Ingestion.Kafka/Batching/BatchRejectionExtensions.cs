using Ingestion.Kafka.Consuming;
using MassTransit;

namespace Ingestion.Kafka.Batching;

/// <summary>Rejecting single messages of a batch that came from a Kafka topic endpoint.</summary>
public static class BatchRejectionExtensions
{
    /// <summary>
    /// Rejects <paramref name="member"/> of this batch with <paramref name="exception"/>, and lets the batch complete for the
    /// others. Once the consumer returned, the rider settles each rejected record as a fault of that record alone: it goes
    /// down the endpoint's error pipe with <paramref name="exception"/> (the user's error filters see it; the dead-letter
    /// filter writes it to the dead-letter topic, reason by the exception: <see cref="InvalidMessageException"/> =
    /// <c>validation</c>), under the same rules as a thrown fault (a failure that is not final, or one the error pipe
    /// hands back, is redelivered). Its offset is committed only after that. A rejection made in a try that then fails (an
    /// in-memory retry follows) no longer stands. Give each member its own exception instance: the rejections are settled at
    /// once, and each is thrown on its own.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="member"/> did not come from a Kafka topic endpoint.</exception>
    public static void Reject<TMessage>(this ConsumeContext<Batch<TMessage>> context, ConsumeContext<TMessage> member, Exception exception)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(exception);
        if (!member.TryGetPayload(out KafkaRecordContext? record) || !member.TryGetPayload(out DispatchAttempt? attempt))
            throw new InvalidOperationException("Only a message consumed from a Kafka topic endpoint can be rejected.");
        attempt.Reject(record.Record, exception);
    }
}

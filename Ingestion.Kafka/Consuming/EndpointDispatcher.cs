using System.Diagnostics;
using Confluent.Kafka;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.DeadLettering;
using MassTransit.Transports;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Dispatches a partition's records into the endpoint's MassTransit pipeline (built as MassTransit's receive endpoint
/// dispatcher builds one): as one window for a window batch consumer, else each record on its own, all at once. Every
/// dispatch carries its <see cref="DispatchAttempt"/>, so the error pipe knows whether a failure is final. Records the
/// consumer rejected (<c>Reject</c>) are then settled one by one through the endpoint's error pipe.
/// </summary>
internal sealed class EndpointDispatcher(IReceiveEndpointDispatcher dispatcher, KafkaEndpointIdentity identity, bool deliversWindows)
    : IWindowDispatcher
{
    private static readonly byte[] WindowBody = "{}"u8.ToArray();

    public Task<DispatchOutcome> DispatchAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchAttempt attempt, CancellationToken cancellationToken) =>
        deliversWindows ? DispatchWindow(records, attempt, cancellationToken) : DispatchEach(records, attempt, cancellationToken);

    private async Task<DispatchOutcome> DispatchEach(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchAttempt attempt, CancellationToken cancellationToken)
    {
        if (records.Count == 1)
        {
            var failure = await Dispatch(records[0], attempt, null, cancellationToken).ConfigureAwait(false);
            List<RecordFailure>? failed = failure is { } fault ? [fault] : await SettleRejections(attempt, null, cancellationToken).ConfigureAwait(false);
            return failed is null ? DispatchOutcome.Completed : new DispatchOutcome(failed, attempt.Attempts);
        }

        // Each record counts its own tries (its in-memory retries), for the dead-letter record's attempts.
        var attempts = new DispatchAttempt[records.Count];
        var dispatches = new Task<RecordFailure?>[records.Count];
        for (var i = 0; i < dispatches.Length; i++)
            dispatches[i] = Dispatch(records[i], attempts[i] = attempt.ForRecord(), null, cancellationToken);
        await Task.WhenAll(dispatches).ConfigureAwait(false);

        List<RecordFailure>? failures = null;
        var tries = 1;
        for (var i = 0; i < dispatches.Length; i++)
        {
            var before = failures?.Count ?? 0;
            failures = dispatches[i].Result is { } failed
                ? Add(failures, failed)
                : await SettleRejections(attempts[i], failures, cancellationToken).ConfigureAwait(false);
            if ((failures?.Count ?? 0) > before) tries = Math.Max(tries, attempts[i].Attempts);
        }
        // The records that go on to be settled share one count: the most tries any of them had.
        return failures is null ? DispatchOutcome.Completed : new DispatchOutcome(failures, tries);
    }

    private static List<RecordFailure> Add(List<RecordFailure>? failures, RecordFailure failure)
    {
        (failures ??= []).Add(failure);
        return failures;
    }

    /// <summary>
    /// Settles each record the consumer rejected in <paramref name="attempt"/>'s dispatch: dispatched alone with its rejection,
    /// all at once (a flood of invalid records waits for one round of dead-letter acknowledgements, not one per record),
    /// which the endpoint's error pipe settles (dead-letters) or hands back; returns <paramref name="failures"/> with the ones
    /// that were not settled.
    /// </summary>
    private async Task<List<RecordFailure>?> SettleRejections(DispatchAttempt attempt, List<RecordFailure>? failures, CancellationToken cancellationToken)
    {
        if (!attempt.HasRejections) return failures;
        var rejections = attempt.Rejections;
        var settling = new Task<RecordFailure?>[rejections.Count];
        for (var i = 0; i < settling.Length; i++)
            settling[i] = Dispatch(rejections[i].Record, attempt.ForRejection(), new RecordRejection(rejections[i].Exception), cancellationToken);
        foreach (var failure in await Task.WhenAll(settling).ConfigureAwait(false))
        {
            if (failure is { } failed)
                failures = Add(failures, failed);
        }
        return failures;
    }

    private async Task<RecordFailure?> Dispatch(ConsumeResult<byte[]?, byte[]> record, DispatchAttempt attempt, RecordRejection? rejection,
        CancellationToken cancellationToken)
    {
        var payload = new KafkaRecordContext(record, identity, attempt.Delivery);
        var headers = KafkaHeaderTranslator.Translate(record.Message.Headers, attempt.Delivery);
        using var activity = ConsumeActivities.StartRecord(record, identity.Topic, identity.GroupId);
        try
        {
            if (rejection is null)
                await dispatcher.Dispatch(record.Message.Value ?? [], headers, cancellationToken, payload, attempt).ConfigureAwait(false);
            else
                await dispatcher.Dispatch(record.Message.Value ?? [], headers, cancellationToken, payload, attempt, rejection).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return new RecordFailure(record, exception, HandedBack: payload.FaultPassedOn);
        }
    }

    /// <summary>
    /// Dispatches <paramref name="records"/> as one window and returns the records that failed: the unreadable ones with their
    /// deserialization error, and, when the batch itself failed, every other one with the batch's exception.
    /// </summary>
    private async Task<DispatchOutcome> DispatchWindow(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchAttempt attempt, CancellationToken cancellationToken)
    {
        var window = new KafkaWindowContext(records, identity, attempt.Delivery);
        Exception? batchFailure = null;
        using (var activity = ConsumeActivities.StartWindow(records, identity.Topic, identity.GroupId))
        {
            try
            {
                await dispatcher.Dispatch(WindowBody, KafkaHeaderTranslator.Translate(null, attempt.Delivery), cancellationToken, window, attempt)
                    .ConfigureAwait(false);
                if (!window.Received)
                    batchFailure = new InvalidOperationException($"No batch consumer took the window from {identity.Topic}: configure one with ConfigureBatchConsumer.");
            }
            catch (Exception exception)
            {
                activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
                batchFailure = exception;
            }
        }

        var unreadable = window.Unreadable;
        // The batch completed: the records the consumer rejected in its last try are settled one by one.
        var rejected = batchFailure is null && attempt.HasRejections ? await SettleRejections(attempt, null, cancellationToken).ConfigureAwait(false) : null;
        if (batchFailure is null && unreadable.Count == 0) return new DispatchOutcome(InOffsetOrder(rejected), attempt.Attempts);
        var failures = new List<RecordFailure>(batchFailure is null ? unreadable.Count + (rejected?.Count ?? 0) : records.Count);
        var next = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (next < unreadable.Count && unreadable[next].Index == i)
                failures.Add(new RecordFailure(records[i], unreadable[next++].Exception));
            else if (batchFailure is not null)
                failures.Add(new RecordFailure(records[i], batchFailure, HandedBack: window.FaultPassedOn));
        }
        if (rejected is not null) failures.AddRange(rejected);
        return new DispatchOutcome(InOffsetOrder(failures), attempt.Attempts);
    }

    // Failures are settled (and redelivered) in offset order, as the window came; rejections come in the consumer's order.
    private static List<RecordFailure>? InOffsetOrder(List<RecordFailure>? failures)
    {
        failures?.Sort(static (a, b) => a.Record.Offset.Value.CompareTo(b.Record.Offset.Value));
        return failures;
    }
}

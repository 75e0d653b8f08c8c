using System.Diagnostics;
using Confluent.Kafka;
using Ingestion.Kafka.Batching;
using MassTransit.Transports;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Dispatches a partition's records into the endpoint's MassTransit pipeline (built as MassTransit's receive endpoint
/// dispatcher builds one): as one window for a window batch consumer, else each record on its own, all at once. Every
/// dispatch carries its <see cref="DispatchAttempt"/>, so the error pipe knows whether a failure is final.
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
            var failure = await Dispatch(records[0], attempt, cancellationToken).ConfigureAwait(false);
            return failure is { } failed ? new DispatchOutcome([failed], 1) : DispatchOutcome.Completed;
        }

        var dispatches = new Task<RecordFailure?>[records.Count];
        for (var i = 0; i < dispatches.Length; i++)
            dispatches[i] = Dispatch(records[i], attempt, cancellationToken);
        await Task.WhenAll(dispatches).ConfigureAwait(false);

        List<RecordFailure>? failures = null;
        for (var i = 0; i < dispatches.Length; i++)
        {
            if (dispatches[i].Result is { } failure)
                (failures ??= []).Add(failure);
        }
        return failures is null ? DispatchOutcome.Completed : new DispatchOutcome(failures, 1);
    }

    private async Task<RecordFailure?> Dispatch(ConsumeResult<byte[]?, byte[]> record, DispatchAttempt attempt, CancellationToken cancellationToken)
    {
        var payload = new KafkaRecordContext(record, identity, attempt.Delivery);
        var headers = KafkaHeaderTranslator.Translate(record.Message.Headers, attempt.Delivery);
        using var activity = ConsumeActivities.StartRecord(record, identity.Topic, identity.GroupId);
        try
        {
            await dispatcher.Dispatch(record.Message.Value ?? [], headers, cancellationToken, payload, attempt).ConfigureAwait(false);
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
        if (batchFailure is null && unreadable.Count == 0) return new DispatchOutcome(null, attempt.Attempts);
        var failures = new List<RecordFailure>(batchFailure is null ? unreadable.Count : records.Count);
        var next = 0;
        for (var i = 0; i < records.Count; i++)
        {
            if (next < unreadable.Count && unreadable[next].Index == i)
                failures.Add(new RecordFailure(records[i], unreadable[next++].Exception));
            else if (batchFailure is not null)
                failures.Add(new RecordFailure(records[i], batchFailure, HandedBack: window.FaultPassedOn));
        }
        return new DispatchOutcome(failures, attempt.Attempts);
    }
}

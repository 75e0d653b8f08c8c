using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>Dispatches a partition worker's records: as one window (a batch consumer) or each on its own, all at once.</summary>
internal static class RecordDispatch
{
    /// <summary>The records that failed, each with its exception; null when every one completed.</summary>
    public static async Task<List<(ConsumeResult<byte[]?, byte[]> Record, Exception Exception)>?> DispatchAll(
        KafkaTopicEndpoint endpoint, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, int delivery, CancellationToken cancellationToken)
    {
        if (endpoint.Settings.DeliversWindows)
            return await endpoint.DispatchWindow(records, delivery, cancellationToken).ConfigureAwait(false);
        if (records.Count == 1)
        {
            var failure = await endpoint.Dispatch(records[0], delivery, cancellationToken).ConfigureAwait(false);
            return failure is null ? null : [(records[0], failure)];
        }

        var dispatches = new Task<Exception?>[records.Count];
        for (var i = 0; i < dispatches.Length; i++)
            dispatches[i] = endpoint.Dispatch(records[i], delivery, cancellationToken);
        await Task.WhenAll(dispatches).ConfigureAwait(false);

        List<(ConsumeResult<byte[]?, byte[]>, Exception)>? failures = null;
        for (var i = 0; i < dispatches.Length; i++)
        {
            if (dispatches[i].Result is { } exception)
                (failures ??= []).Add((records[i], exception));
        }
        return failures;
    }
}

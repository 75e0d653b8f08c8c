using Confluent.Kafka;

using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// Settles a window whose dispatch failed, until every record completed or was dead-lettered: a failure that is not the
/// record's (transient, infrastructure) brings the window back after the redelivery delays, as often as it takes; a record's
/// own failure gets the configured redeliveries of the window, then the failed records are split in halves until each
/// failure stands alone, where it is final and the endpoint's error pipe dead-letters it. The only poison isolation of the
/// rider. The partition holds everything meanwhile (nothing committed), so it pauses once its buffer fills.
/// </summary>
internal sealed class WindowSettlement(
    IWindowDispatcher dispatcher, SettlementRules rules, EndpointTelemetry telemetry, Func<TimeSpan, CancellationToken, Task>? wait = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> wait = wait ?? Task.Delay;

    /// <summary>The first dispatch of a window: alone when it holds one record, with the window's redeliveries ahead of it.</summary>
    public DispatchAttempt FirstAttempt(int count) => new(rules, delivery: 1, alone: count == 1, redeliveriesLeft: rules.NonTransientRedeliveryLimit > 0,
        attemptsBefore: 0, countsAttempts: true);

    /// <summary>Settles <paramref name="window"/>, whose first dispatch came to <paramref name="first"/>.</summary>
    public Task SettleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> window, DispatchOutcome first, SettlementScope scope) =>
        SettleAsync(window, first, delivery: 1, attempts: 0, isolating: false, scope);

    private async Task SettleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchOutcome? outcome, int delivery, int attempts,
        bool isolating, SettlementScope scope)
    {
        var current = records;
        var redeliveries = 0;
        var permanentRedeliveries = 0;
        while (true)
        {
            // Attempts count on the window's own deliveries and on every redelivery, never on an isolating re-dispatch.
            var counts = !isolating || redeliveries > 0;
            outcome ??= await dispatcher.DispatchAsync(current, Attempt(current.Count, delivery, attempts, counts, isolating, permanentRedeliveries),
                scope.Aborting).ConfigureAwait(false);
            if (counts) attempts += outcome.Attempts;
            var failures = outcome.Failures;
            outcome = null;
            if (failures is null) return;
            // Cancelled by a stop past its timeout: the window is abandoned uncommitted, never dead-lettered.
            scope.Aborting.ThrowIfCancellationRequested();

            var sorted = Sort(failures, isolating, permanentRedeliveries);
            foreach (var record in sorted.Alone)
                await SettleAsync([record], null, delivery + 1, attempts, isolating: true, scope).ConfigureAwait(false);
            if (sorted.Split is { } split)
            {
                KafkaMetrics.Retried.Add(split.Count, telemetry.Tags);
                var half = split.Count / 2;
                if (half > 0)
                    await SettleAsync(split.GetRange(0, half), null, delivery + 1, attempts, isolating: true, scope).ConfigureAwait(false);
                await SettleAsync(split.GetRange(half, split.Count - half), null, delivery + 1, attempts, isolating: true, scope).ConfigureAwait(false);
            }

            if (sorted.Again is not { } again) return;
            if (sorted.PermanentAgain) permanentRedeliveries++;
            var delay = rules.RedeliveryDelay(redeliveries++);
            if (sorted.Infrastructure is { } infrastructure) scope.Blockage.Block(infrastructure);
            telemetry.Log.Redelivering(sorted.LastError!, telemetry.Topic, scope.Partition, again[0].Offset.Value, again.Count, delay, delivery + 1);
            KafkaMetrics.Redelivered.Add(again.Count, telemetry.Tags);
            await wait(delay, scope.Stopping).ConfigureAwait(false);
            current = again;
            delivery++;
        }
    }

    private DispatchAttempt Attempt(int count, int delivery, int attempts, bool counts, bool isolating, int permanentRedeliveries) =>
        new(rules, delivery, alone: count == 1, redeliveriesLeft: !isolating && permanentRedeliveries < rules.NonTransientRedeliveryLimit,
            attemptsBefore: attempts, countsAttempts: counts);

    /// <summary>What becomes of each failed record: redelivered with the window, dispatched alone, or split further.</summary>
    private Sorted Sort(List<RecordFailure> failures, bool isolating, int permanentRedeliveries)
    {
        var sorted = new Sorted();
        foreach (var (record, exception, handedBack) in failures)
        {
            var kind = rules.Classify(exception);
            if (kind == FailureKind.Transient || handedBack)
            {
                // Not the record's fault, or a final failure no error filter settled: the partition waits it out.
                (sorted.Again ??= []).Add(record);
                sorted.Infrastructure = exception;
                sorted.LastError = exception;
            }
            else if (kind == FailureKind.Permanent && CanRedeliver(isolating, permanentRedeliveries))
            {
                (sorted.Again ??= []).Add(record);
                sorted.PermanentAgain = true;
                sorted.LastError = exception;
            }
            else if (kind == FailureKind.Deserialization)
            {
                sorted.Alone.Add(record); // already pinned on its record (an unreadable member of a window)
            }
            else
            {
                (sorted.Split ??= []).Add(record);
            }
        }
        return sorted;
    }

    private bool CanRedeliver(bool isolating, int permanentRedeliveries) => !isolating && permanentRedeliveries < rules.NonTransientRedeliveryLimit;

    private sealed class Sorted
    {
        public List<ConsumeResult<byte[]?, byte[]>>? Again { get; set; }
        public List<ConsumeResult<byte[]?, byte[]>> Alone { get; } = [];
        public List<ConsumeResult<byte[]?, byte[]>>? Split { get; set; }
        public bool PermanentAgain { get; set; }
        public Exception? Infrastructure { get; set; }
        public Exception? LastError { get; set; }
    }
}

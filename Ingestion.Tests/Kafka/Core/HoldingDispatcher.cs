using Confluent.Kafka;
using Ingestion.Kafka.Consuming;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>
/// A window dispatcher without MassTransit that records each dispatch's records as <c>partition@offset</c>, can hold its
/// first dispatch busy until released, and fails the records <see cref="Fail"/> picks (only those: an unreadable member).
/// </summary>
internal sealed class HoldingDispatcher : IWindowDispatcher
{
    private readonly Lock gate = new();
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int calls;

    /// <summary>Hold the first dispatch until <see cref="Release"/>.</summary>
    public bool HoldFirst { get; init; }

    /// <summary>Wait for the dispatch's cancellation instead of completing (an abort test).</summary>
    public bool RunUntilCancelled { get; init; }

    public Func<ConsumeResult<byte[]?, byte[]>, Exception?> Fail { get; init; } = _ => null;

    public List<string[]> Dispatches { get; } = [];

    public Task FirstStarted => firstStarted.Task;

    public void Release() => release.TrySetResult();

    public async Task<DispatchOutcome> DispatchAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchAttempt attempt, CancellationToken cancellationToken)
    {
        int call;
        lock (gate)
        {
            call = ++calls;
            Dispatches.Add([.. records.Select(r => $"{r.Partition.Value}@{r.Offset.Value}")]);
        }
        attempt.CountAttempt();
        if (call == 1)
        {
            firstStarted.TrySetResult();
            if (HoldFirst) await release.Task.ConfigureAwait(false);
        }
        if (RunUntilCancelled) await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        var failures = records.Select(r => (Record: r, Exception: Fail(r))).Where(f => f.Exception is not null)
            .Select(f => new RecordFailure(f.Record, f.Exception!)).ToList();
        return new DispatchOutcome(failures.Count == 0 ? null : failures, attempt.Attempts);
    }
}

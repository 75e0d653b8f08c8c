using Confluent.Kafka;
using Ingestion.Kafka.Consuming;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>
/// A window dispatcher without MassTransit: a batch fails as a whole when any of its records fails (as a batch consumer
/// does), and a final failure of a record dispatched alone is settled as the endpoint's error pipe would settle it: dead-
/// lettered, unless <see cref="ErrorPipeSettles"/> is off (a user filter rethrows), when it is handed back.
/// </summary>
internal sealed class ScriptedDispatcher(Func<ConsumeResult<byte[]?, byte[]>, int, Exception?> fail) : IWindowDispatcher
{
    private readonly Lock gate = new();
    private int calls;

    /// <summary>Consume attempts per dispatch (1 + in-memory retries).</summary>
    public int TriesPerDispatch { get; init; } = 1;

    public bool ErrorPipeSettles { get; set; } = true;

    public List<(long[] Offsets, int Delivery)> Dispatches { get; } = [];

    public List<long> Completed { get; } = [];

    public List<(long Offset, int Attempts, FailureKind Kind)> DeadLettered { get; } = [];

    public Task<DispatchOutcome> DispatchAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchAttempt attempt, CancellationToken cancellationToken)
    {
        lock (gate) return Dispatch(records, attempt);
    }

    private Task<DispatchOutcome> Dispatch(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, DispatchAttempt attempt)
    {
        var call = ++calls;
        Dispatches.Add(([.. records.Select(r => r.Offset.Value)], attempt.Delivery));
        for (var i = 0; i < TriesPerDispatch; i++) attempt.CountAttempt();
        var failure = records.Select(r => fail(r, call)).FirstOrDefault(e => e is not null);
        if (failure is null)
        {
            Completed.AddRange(records.Select(r => r.Offset.Value));
            return Task.FromResult(new DispatchOutcome(null, attempt.Attempts));
        }
        if (attempt.IsFinal(failure) && ErrorPipeSettles && records.Count == 1)
        {
            DeadLettered.Add((records[0].Offset.Value, attempt.TotalAttempts, attempt.Classify(failure)));
            return Task.FromResult(new DispatchOutcome(null, attempt.Attempts));
        }
        var handedBack = attempt.IsFinal(failure);
        return Task.FromResult(new DispatchOutcome([.. records.Select(r => new RecordFailure(r, failure, handedBack))], attempt.Attempts));
    }
}

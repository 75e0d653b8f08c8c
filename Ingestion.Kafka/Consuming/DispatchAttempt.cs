using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// One dispatch of a partition's records as the rider's settlement sees it, a payload of the receive: whether a failure of it
/// is final (the endpoint's error pipe may then dead-letter the record) or comes back to the rider (to be redelivered or
/// isolated), and the attempts the record has had. Read by the error pipe's filters (<see cref="FinalFaultFilter"/>, the dead-letter filter).
/// </summary>
internal sealed class DispatchAttempt
{
    private readonly SettlementRules rules;
    private readonly Lock gate = new();
    private int attempts;
    private List<(ConsumeResult<byte[]?, byte[]> Record, Exception Exception)>? rejections;

    public DispatchAttempt(SettlementRules rules, int delivery, bool alone, bool redeliveriesLeft, int attemptsBefore, bool countsAttempts)
    {
        this.rules = rules;
        Delivery = delivery;
        Alone = alone;
        RedeliveriesLeft = redeliveriesLeft;
        AttemptsBefore = attemptsBefore;
        CountsAttempts = countsAttempts;
    }

    /// <summary>1 on the first delivery; counts redeliveries and isolation re-dispatches (the DeliveryCount header).</summary>
    public int Delivery { get; }

    /// <summary>The dispatch holds one record, so a failure of it is that record's own.</summary>
    public bool Alone { get; }

    /// <summary>A non-transient failure still gets a redelivery (the endpoint's non-transient redelivery limit).</summary>
    public bool RedeliveriesLeft { get; }

    /// <summary>Consume attempts the records had before this dispatch (in-memory retries and redeliveries, not isolation re-dispatches).</summary>
    public int AttemptsBefore { get; }

    /// <summary>Whether this dispatch's attempts count (not when it only isolates a record that already failed).</summary>
    public bool CountsAttempts { get; }

    /// <summary>Consume attempts of this dispatch so far, in-memory retries included (at least 1).</summary>
    public int Attempts => Math.Max(1, Volatile.Read(ref attempts));

    /// <summary>The attempts a dead-letter record reports: in-memory retries plus redeliveries.</summary>
    public int TotalAttempts => AttemptsBefore + (CountsAttempts ? Attempts : 0);

    /// <summary>
    /// The consumer pipeline is about to run once more (the first time or an in-memory retry): what an earlier try rejected
    /// no longer stands.
    /// </summary>
    public void CountAttempt()
    {
        Interlocked.Increment(ref attempts);
        if (Volatile.Read(ref rejections) is not null)
            lock (gate) rejections = null;
    }

    /// <summary>The consumer rejected <paramref name="record"/> of this dispatch in the current try (see <c>Reject</c>).</summary>
    public void Reject(ConsumeResult<byte[]?, byte[]> record, Exception exception)
    {
        lock (gate) (rejections ??= []).Add((record, exception));
    }

    /// <summary>Whether the consumer rejected any record in its last try.</summary>
    public bool HasRejections => Volatile.Read(ref rejections) is not null;

    /// <summary>The records the consumer rejected in its last try, in the order it rejected them (empty when none).</summary>
    public IReadOnlyList<(ConsumeResult<byte[]?, byte[]> Record, Exception Exception)> Rejections
    {
        get
        {
            lock (gate) return rejections is null ? [] : [.. rejections];
        }
    }

    /// <summary>The same dispatch for one record of a record-by-record dispatch, counting that record's tries on its own.</summary>
    public DispatchAttempt ForRecord() => new(rules, Delivery, Alone, RedeliveriesLeft, AttemptsBefore, CountsAttempts);

    /// <summary>
    /// The dispatch that settles a record the consumer rejected in this one: alone, with this dispatch's attempts (it runs no
    /// consumer, so it makes no attempt of its own).
    /// </summary>
    public DispatchAttempt ForRejection() => new(rules, Delivery, alone: true, RedeliveriesLeft, TotalAttempts, countsAttempts: false);

    public FailureKind Classify(Exception exception) => rules.Classify(exception);

    /// <summary>
    /// Whether <paramref name="exception"/> ends this record's delivery: undeserialisable bytes always (they are the record's
    /// own); a validation failure when the record was dispatched alone; another failure of the record's own when alone and
    /// its redeliveries are used up. Never an infrastructure (transient) fault.
    /// </summary>
    public bool IsFinal(Exception exception) => IsFinal(Classify(exception));

    public bool IsFinal(FailureKind kind) => kind switch
    {
        FailureKind.Deserialization => true,
        FailureKind.Validation => Alone,
        FailureKind.Permanent => Alone && !RedeliveriesLeft,
        _ => false,
    };
}

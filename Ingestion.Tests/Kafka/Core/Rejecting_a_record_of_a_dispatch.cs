using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Redelivery;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>What a dispatch keeps of the records its consumer rejected, without a broker.</summary>
[TestFixture]
public sealed class Rejecting_a_record_of_a_dispatch
{
    private static readonly SettlementRules Rules = new(TransientExceptions.IsTransient, null, 1, [TimeSpan.FromSeconds(1)]);

    [Test]
    public void Keeps_only_the_rejections_of_the_last_try()
    {
        var attempt = new DispatchAttempt(Rules, delivery: 1, alone: false, redeliveriesLeft: true, attemptsBefore: 0, countsAttempts: true);
        attempt.CountAttempt();
        attempt.Reject(CoreRecords.Record(3), new InvalidMessageException("rejected by the first try"));
        attempt.CountAttempt(); // an in-memory retry: the first try failed after rejecting
        attempt.Reject(CoreRecords.Record(5), new InvalidMessageException("rejected by the second try"));

        Assert.Multiple(() =>
        {
            Assert.That(attempt.HasRejections, Is.True);
            Assert.That(attempt.Rejections.Select(r => (r.Record.Offset.Value, r.Exception.Message)),
                Is.EqualTo(new[] { (5L, "rejected by the second try") }));
        });
    }

    [Test]
    public void Settles_a_rejection_as_a_record_alone_with_the_attempts_of_its_dispatch_and_none_of_its_own()
    {
        var attempt = new DispatchAttempt(Rules, delivery: 2, alone: false, redeliveriesLeft: false, attemptsBefore: 3, countsAttempts: true);
        attempt.CountAttempt();
        attempt.CountAttempt();

        var settling = attempt.ForRejection();
        settling.CountAttempt(); // nothing of its own counts

        Assert.Multiple(() =>
        {
            Assert.That((settling.Alone, settling.Delivery, settling.TotalAttempts), Is.EqualTo((true, 2, 5)));
            Assert.That(settling.IsFinal(new InvalidMessageException("invalid")), Is.True, "a validation rejection is final alone");
            Assert.That(settling.IsFinal(new TimeoutException()), Is.False, "a transient one goes back to be redelivered");
        });
    }

    [Test]
    public void Counts_the_tries_of_each_record_of_a_record_by_record_dispatch_on_their_own()
    {
        var attempt = new DispatchAttempt(Rules, delivery: 1, alone: false, redeliveriesLeft: true, attemptsBefore: 0, countsAttempts: true);
        var first = attempt.ForRecord();
        var second = attempt.ForRecord();
        first.CountAttempt();
        first.CountAttempt();
        first.CountAttempt();
        second.CountAttempt();

        Assert.That((first.TotalAttempts, second.TotalAttempts, attempt.Attempts), Is.EqualTo((3, 1, 1)));
    }
}

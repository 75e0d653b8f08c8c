using System.Text.Json;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.Redelivery;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>Which faults go on down the error pipe (to the dead-letter filter) and which go back to the rider.</summary>
[TestFixture]
public sealed class The_final_fault_rule
{
    private static readonly SettlementRules Rules = new(TransientExceptions.IsTransient, null, 1, [TimeSpan.FromSeconds(1)]);

    [TestCase(true, false, ExpectedResult = true)]
    [TestCase(false, false, ExpectedResult = true)]
    [TestCase(true, true, ExpectedResult = true)]
    public bool Ends_delivery_for_unreadable_bytes_wherever_they_were_dispatched(bool alone, bool redeliveriesLeft) =>
        Attempt(alone, redeliveriesLeft).IsFinal(new JsonException("not JSON"));

    [TestCase(true, ExpectedResult = true)]
    [TestCase(false, ExpectedResult = false)]
    public bool Ends_delivery_for_a_validation_failure_only_of_a_record_dispatched_alone(bool alone) =>
        Attempt(alone, redeliveriesLeft: true).IsFinal(new InvalidMessageException("bad"));

    [TestCase(true, false, ExpectedResult = true)]
    [TestCase(true, true, ExpectedResult = false)]
    [TestCase(false, false, ExpectedResult = false)]
    public bool Ends_delivery_for_a_records_own_failure_only_alone_and_after_its_redeliveries(bool alone, bool redeliveriesLeft) =>
        Attempt(alone, redeliveriesLeft).IsFinal(new InvalidOperationException("poison"));

    [Test]
    public void Never_ends_delivery_for_an_infrastructure_fault() =>
        Assert.That(Attempt(alone: true, redeliveriesLeft: false).IsFinal(new TimeoutException()), Is.False);

    private static DispatchAttempt Attempt(bool alone, bool redeliveriesLeft) =>
        new(Rules, delivery: 1, alone, redeliveriesLeft, attemptsBefore: 0, countsAttempts: true);
}

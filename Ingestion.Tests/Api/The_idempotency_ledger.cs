extern alias api;

using api::Ingestion.Api.Idempotency;
using api::Ingestion.Api.Options;

namespace Ingestion.Tests.Api;

[TestFixture]
public sealed class The_idempotency_ledger
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static IdempotencyLedger Ledger(ManualClock clock, int capacity = 1000) =>
        new(Microsoft.Extensions.Options.Options.Create(new ApiOptions { IdempotencyKeyCapacity = capacity, IdempotencyKeyWindow = TimeSpan.FromMinutes(10) }), clock);

    [Test]
    public void Accepts_the_same_body_again_and_refuses_another()
    {
        var ledger = Ledger(new ManualClock());
        var id = Guid.NewGuid();

        Assert.Multiple(() =>
        {
            Assert.That(ledger.Claim(id, 1), Is.True);
            Assert.That(ledger.Claim(id, 1), Is.True);
            Assert.That(ledger.Matches(id, 2), Is.False);
            Assert.That(ledger.Claim(id, 2), Is.False);
        });
    }

    [Test]
    public void Remembers_a_key_for_at_least_the_window_then_forgets_it()
    {
        var clock = new ManualClock();
        var ledger = Ledger(clock);
        var id = Guid.NewGuid();
        ledger.Claim(id, 1);

        clock.Now += TimeSpan.FromMinutes(11);
        ledger.Claim(Guid.NewGuid(), 7); // rotates: the key moves to the previous generation
        var withinWindow = ledger.Claim(id, 2);
        clock.Now += TimeSpan.FromMinutes(11);
        ledger.Claim(Guid.NewGuid(), 7); // rotates again: the key is gone

        Assert.That(withinWindow, Is.False);
        Assert.That(ledger.Claim(id, 2), Is.True);
    }

    [Test]
    public void Holds_at_most_two_generations_of_its_capacity()
    {
        var ledger = Ledger(new ManualClock(), capacity: 10);
        var first = Guid.NewGuid();
        ledger.Claim(first, 1);

        for (var i = 0; i < 25; i++)
            ledger.Claim(Guid.NewGuid(), 1);

        Assert.That(ledger.Claim(first, 2), Is.True, "forgotten after two full generations");
    }
}

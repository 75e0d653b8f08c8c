extern alias api;

using api::Ingestion.Api.Operations;

namespace Ingestion.Tests.Operations;

[TestFixture]
public sealed class The_counter_rates
{
    private sealed class ManualClock : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }

    [Test]
    public void Has_no_rate_until_a_second_reading_and_then_divides_the_increase_by_the_time_between()
    {
        var clock = new ManualClock();
        var rates = new CounterRates(clock, TimeSpan.FromSeconds(15));

        var first = rates.Observe("accepted", 100);
        clock.Advance(TimeSpan.FromSeconds(4));
        var second = rates.Observe("accepted", 300);

        Assert.That(first, Is.Null);
        Assert.That(second, Is.EqualTo(50));
    }

    [Test]
    public void Measures_from_the_oldest_reading_inside_the_window()
    {
        var clock = new ManualClock();
        var rates = new CounterRates(clock, TimeSpan.FromSeconds(10));

        rates.Observe("accepted", 0);
        clock.Advance(TimeSpan.FromSeconds(8));
        rates.Observe("accepted", 800);
        clock.Advance(TimeSpan.FromSeconds(8));
        var rate = rates.Observe("accepted", 1000);

        Assert.That(rate, Is.EqualTo(25)); // (1000 - 800) / 8 s: the reading at 0 s fell out of the 10 s window
    }

    [Test]
    public void Starts_over_when_a_counter_goes_down_because_its_process_restarted()
    {
        var clock = new ManualClock();
        var rates = new CounterRates(clock, TimeSpan.FromSeconds(15));

        rates.Observe("persisted", 5000);
        clock.Advance(TimeSpan.FromSeconds(3));
        var afterRestart = rates.Observe("persisted", 10);
        clock.Advance(TimeSpan.FromSeconds(2));
        var next = rates.Observe("persisted", 30);

        Assert.That(afterRestart, Is.Null);
        Assert.That(next, Is.EqualTo(10));
    }
}

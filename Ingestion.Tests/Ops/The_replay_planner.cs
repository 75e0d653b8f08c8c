using System.Text;
using System.Text.Json;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Ops.DeadLetters;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class The_replay_planner
{
    private static DeadLetterEntry Entry(long offset, string name, int replayCount = 0, string reason = DeadLetterReasons.Validation)
    {
        var original = Encoding.UTF8.GetBytes($$"""{"name":"{{name}}","value":1}""");
        var record = new DeadLetterRecord
        {
            OriginalMessage = JsonDocument.Parse(original).RootElement.Clone(),
            OriginalMessageBase64 = Convert.ToBase64String(original),
            Reason = reason,
            ReplayCount = replayCount,
            DlqTimestamp = DateTimeOffset.UnixEpoch.AddMinutes(offset),
        };
        return new DeadLetterEntry(0, offset, DateTimeOffset.UnixEpoch, null, [], [], record, null);
    }

    private static readonly DeadLetterFilter Everything = new(null, null, null, null, null);

    [Test]
    public void Replays_selected_records_skips_those_at_the_maximum_and_passes_the_rest()
    {
        var planner = new ReplayPlanner(Everything with { Name = "cpu" }, maxReplayCount: 2, limit: null);

        var plan = planner.Plan([Entry(0, "cpu"), Entry(1, "mem"), Entry(2, "cpu", replayCount: 2), Entry(3, "cpu", replayCount: 1)]);

        Assert.That(plan.Select(decision => decision.Action), Is.EqualTo(new[] { ReplayAction.Replay, ReplayAction.Pass, ReplayAction.Skip, ReplayAction.Replay }));
        Assert.That(plan[2].Why, Is.EqualTo("already replayed 2 times (maximum 2)"));
    }

    [Test]
    public void Stops_reading_after_the_limit_of_replays()
    {
        var planner = new ReplayPlanner(Everything, maxReplayCount: 3, limit: 2);

        var plan = planner.Plan([Entry(0, "a"), Entry(1, "b", replayCount: 3), Entry(2, "c"), Entry(3, "d")]);

        Assert.That(plan.Select(decision => decision.Entry.Offset), Is.EqualTo(new long[] { 0, 1, 2 }));
    }

    [Test]
    public void Skips_an_unreadable_record_with_its_reason()
    {
        var unreadable = new DeadLetterEntry(0, 7, DateTimeOffset.UnixEpoch, null, [], "nope"u8.ToArray(), null, "the value is not a DLQ record");

        var decision = new ReplayPlanner(Everything, 3, null).Decide(unreadable);

        Assert.That(decision.Action, Is.EqualTo(ReplayAction.Skip));
        Assert.That(decision.Why, Is.EqualTo("unreadable: the value is not a DLQ record"));
    }
}

using Confluent.Kafka;
using Ingestion.Kafka.Consuming;

namespace Ingestion.Tests.Kafka.Core;

[TestFixture]
public sealed class The_checkpointer
{
    private RecordingCommitter committer = new();

    [SetUp]
    public void SetUp() => committer = new RecordingCommitter();

    private Checkpointer Checkpointer(int count = 1_000, int intervalMs = 1_000) =>
        new(committer, count, TimeSpan.FromMilliseconds(intervalMs), CoreRecords.Telemetry);

    [Test]
    public void Commits_the_offset_after_each_partitions_last_completed_window_and_nothing_twice()
    {
        var checkpointer = Checkpointer();
        var p0 = checkpointer.Track(new TopicPartition("t", 0));
        var p1 = checkpointer.Track(new TopicPartition("t", 1));
        var p2 = checkpointer.Track(new TopicPartition("t", 2));
        p0.Complete(next: 10, count: 10);
        // Offsets 10..24 were dropped by the broker (a gap): the window after it completes at 25..29.
        p1.Complete(next: 30, count: 5);

        checkpointer.Commit([p0, p1, p2]);
        checkpointer.Commit([p0, p1, p2]);

        Assert.Multiple(() =>
        {
            Assert.That(committer.Committed, Is.EqualTo(new[] { "0@10", "1@30" }), "p2 completed nothing, so nothing of it is committed");
            Assert.That(committer.Commits, Has.Count.EqualTo(1), "nothing new the second time");
            Assert.That(checkpointer.CommittedOffsets, Is.EquivalentTo(new Dictionary<int, long> { [0] = 10, [1] = 30 }));
        });
    }

    [Test]
    public void Never_commits_past_a_window_still_in_flight()
    {
        var checkpointer = Checkpointer();
        var p0 = checkpointer.Track(new TopicPartition("t", 0));
        p0.Complete(next: 100, count: 100);
        checkpointer.Commit([p0]);

        // The window 100..199 is dispatched but has not completed (a redelivery, say): the commit stays at 100.
        checkpointer.Commit([p0]);

        Assert.That(committer.Committed, Is.EqualTo(new[] { "0@100" }));
        Assert.That(p0.Committed, Is.EqualTo(100));
    }

    [Test]
    public void Commits_when_the_interval_has_passed_or_the_count_is_reached_whichever_comes_first()
    {
        var checkpointer = Checkpointer(count: 100, intervalMs: 1_000);
        var p0 = checkpointer.Track(new TopicPartition("t", 0));
        Assert.That(checkpointer.CommitIfDue(now: 0, [p0]), Is.Null, "the first call starts the interval");

        p0.Complete(next: 10, count: 10);
        var early = checkpointer.CommitIfDue(now: 500, [p0]);
        var onInterval = checkpointer.CommitIfDue(now: 1_000, [p0]);
        p0.Complete(next: 110, count: 100);
        var countReached = checkpointer.CountReached;
        var onCount = checkpointer.CommitIfDue(now: 1_001, [p0]);

        Assert.Multiple(() =>
        {
            Assert.That(early, Is.Null, "neither due nor enough completed");
            Assert.That(onInterval, Is.Not.Null, "the interval passed");
            Assert.That(countReached, Is.True);
            Assert.That(onCount, Is.Not.Null, "100 completed, well before the next interval");
            Assert.That(committer.Committed, Is.EqualTo(new[] { "0@10", "0@110" }));
        });
    }

    [Test]
    public void Makes_a_failed_periodic_commit_again_later_and_tries_the_revoke_commit_a_few_times()
    {
        var checkpointer = Checkpointer();
        var p0 = checkpointer.Track(new TopicPartition("t", 0));
        p0.Complete(next: 5, count: 5);
        committer.FailuresAhead = 1;

        var periodic = checkpointer.Commit([p0]);
        var later = checkpointer.Commit([p0]);
        p0.Complete(next: 9, count: 4);
        committer.FailuresAhead = 2;
        var revoke = checkpointer.Commit([p0], attempts: 3);

        Assert.Multiple(() =>
        {
            Assert.That(periodic, Is.Null);
            Assert.That(later, Is.Not.Null, "the offset is still owed and made next time");
            Assert.That(revoke, Is.Not.Null, "the third try of the revoke commit went through");
            Assert.That(committer.Committed, Is.EqualTo(new[] { "0@5", "0@9" }));
        });
    }
}

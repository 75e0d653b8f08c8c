using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Tests.Kafka.Support;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>
/// Partition workers behind the <see cref="WindowCombiner"/>, without a broker: after a combined dispatch each partition
/// settles its own failures and commits its own progress; a revoke withdraws a window still waiting for a slot.
/// Offsets of partition p are 100 p + i, so a dispatch's offsets tell its partitions.
/// </summary>
[TestFixture]
public sealed class Settling_the_partitions_of_a_combined_window
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private RecordingCommitter committer = new();

    [SetUp]
    public void SetUp() => committer = new RecordingCommitter();

    [Test]
    public async Task Each_partition_settles_its_own_failures_and_commits_its_own_progress_after_a_combined_dispatch()
    {
        var dispatcher = new ScriptedDispatcher((r, _) => r.Offset.Value == 102 ? new InvalidOperationException("violates a constraint") : null);
        using var gate = new SemaphoreSlim(1);
        var assignments = Assignments(dispatcher, gate, out var services);
        assignments.OnAssigned([new TopicPartition("t", 0), new TopicPartition("t", 1), new TopicPartition("t", 2)]);
        await gate.WaitAsync(); // another dispatch is in flight

        for (var partition = 0; partition < 3; partition++)
            for (var i = 0; i < 5; i++) assignments.Route(CoreRecords.Record(100 * partition + i, partition));
        await Eventually.Until(() => services.Combiner.Waiting == 3, Patience, "every partition's window waits for the slot");
        gate.Release();
        await Eventually.Until(() => dispatcher.Completed.Count + dispatcher.DeadLettered.Count >= 15, Patience, "every record was settled");
        var committed = assignments.ReleaseAll();

        var partitionsPerDispatch = dispatcher.Dispatches.Select(d => d.Offsets.Select(o => o / 100).Distinct().Count()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Runs(dispatcher.Dispatches[0].Offsets), Is.EquivalentTo(new[] { "0 1 2 3 4", "100 101 102 103 104", "200 201 202 203 204" }),
                "one dispatch for the three windows (in the order they came), each whole and in offset order");
            Assert.That(partitionsPerDispatch.Skip(1), Has.All.EqualTo(1), "settlement re-dispatches stay per partition");
            Assert.That(dispatcher.DeadLettered.Select(d => d.Offset), Is.EqualTo(new[] { 102L }));
            Assert.That(dispatcher.Completed.Order(), Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 100, 101, 103, 104, 200, 201, 202, 203, 204 }),
                "the neighbours once each");
            Assert.That(committed!.Select(o => $"{o.Partition.Value}@{o.Offset.Value}").Order(), Is.EqualTo(new[] { "0@5", "1@105", "2@205" }));
        });
    }

    [Test]
    public async Task A_revoke_withdraws_a_window_still_waiting_for_a_slot_and_commits_nothing_of_it()
    {
        var dispatcher = new ScriptedDispatcher((_, _) => null);
        using var gate = new SemaphoreSlim(1);
        var assignments = Assignments(dispatcher, gate, out var services);
        assignments.OnAssigned([new TopicPartition("t", 0), new TopicPartition("t", 1)]);
        await gate.WaitAsync();
        assignments.Route(CoreRecords.Record(0, partition: 0));
        assignments.Route(CoreRecords.Record(100, partition: 1));
        await Eventually.Until(() => services.Combiner.Waiting == 2, Patience, "both windows wait for the slot");

        var revoked = assignments.Release([1], commit: true);
        gate.Release();
        await Eventually.Until(() => dispatcher.Completed.Count == 1, Patience, "the other partition's window was written");
        var stopped = assignments.ReleaseAll();

        Assert.Multiple(() =>
        {
            Assert.That(revoked, Is.Null, "nothing of the revoked partition completed");
            Assert.That(dispatcher.Dispatches.SelectMany(d => d.Offsets), Is.EqualTo(new long[] { 0 }), "its window never went");
            Assert.That(stopped!.Select(o => $"{o.Partition.Value}@{o.Offset.Value}"), Is.EqualTo(new[] { "0@1" }));
        });
    }

    /// <summary>The offsets of each partition in the order they stand, one string per stretch of one partition.</summary>
    private static List<string> Runs(long[] offsets)
    {
        var runs = new List<List<long>>();
        foreach (var offset in offsets)
        {
            if (runs.Count == 0 || runs[^1][0] / 100 != offset / 100) runs.Add([]);
            runs[^1].Add(offset);
        }
        return [.. runs.Select(run => string.Join(' ', run))];
    }

    private PartitionAssignments Assignments(ScriptedDispatcher dispatcher, SemaphoreSlim gate, out PartitionWorkerServices services)
    {
        var checkpointer = new Checkpointer(committer, 10_000, TimeSpan.FromSeconds(1), CoreRecords.Telemetry);
        var rules = new SettlementRules(_ => false, null, 0, [TimeSpan.FromMilliseconds(10)]);
        var buffer = new EndpointBuffer(1_000);
        services = new PartitionWorkerServices(100, 50, dispatcher, new WindowSettlement(dispatcher, rules, CoreRecords.Telemetry),
            rules, buffer, gate, CoreRecords.Telemetry, _ => { })
        { CombinesWindows = true };
        return new PartitionAssignments(new FakePartitionClient(), checkpointer, buffer, services, 200, TimeSpan.FromSeconds(2));
    }
}

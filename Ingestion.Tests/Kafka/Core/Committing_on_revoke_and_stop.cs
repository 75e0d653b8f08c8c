using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Tests.Kafka.Support;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>Partition tracking with the checkpointer, without a broker: what a revoke, a loss and a stop commit.</summary>
[TestFixture]
public sealed class Committing_on_revoke_and_stop
{
    private RecordingCommitter committer = new();
    private ScriptedDispatcher dispatcher = new((_, _) => null);

    [SetUp]
    public void SetUp()
    {
        committer = new RecordingCommitter();
        dispatcher = new ScriptedDispatcher((_, _) => null);
    }

    [Test]
    public async Task Commits_what_a_revoked_partition_completed_and_reports_it_no_longer()
    {
        var assignments = Assignments(out var checkpointer);
        assignments.OnAssigned([new TopicPartition("t", 0), new TopicPartition("t", 1)]);
        for (var offset = 0; offset < 5; offset++) assignments.Route(CoreRecords.Record(offset, partition: 0));
        await Eventually.Until(() => dispatcher.Completed.Count == 5, TimeSpan.FromSeconds(5), "the worker completed its windows");

        var committed = assignments.Release([0], commit: true);

        Assert.Multiple(() =>
        {
            Assert.That(committed!.Select(o => $"{o.Partition.Value}@{o.Offset.Value}"), Is.EqualTo(new[] { "0@5" }));
            Assert.That(assignments.Assigned, Is.EqualTo(new[] { 1 }));
            Assert.That(checkpointer.CommittedOffsets.ContainsKey(0), Is.False, "a partition that left is not reported");
        });
    }

    [Test]
    public async Task Commits_nothing_for_a_lost_partition_and_everything_completed_on_stop()
    {
        var assignments = Assignments(out _);
        assignments.OnAssigned([new TopicPartition("t", 0), new TopicPartition("t", 1)]);
        assignments.Route(CoreRecords.Record(0, partition: 0));
        assignments.Route(CoreRecords.Record(0, partition: 1));
        assignments.Route(CoreRecords.Record(1, partition: 1));
        await Eventually.Until(() => dispatcher.Completed.Count == 3, TimeSpan.FromSeconds(5), "the workers completed their windows");

        var lost = assignments.Release([0], commit: false);
        var stopped = assignments.ReleaseAll();

        Assert.Multiple(() =>
        {
            Assert.That(lost, Is.Null);
            Assert.That(stopped!.Select(o => $"{o.Partition.Value}@{o.Offset.Value}"), Is.EqualTo(new[] { "1@2" }));
            Assert.That(committer.Committed, Is.EqualTo(new[] { "1@2" }));
        });
    }

    private PartitionAssignments Assignments(out Checkpointer checkpointer, int partitionBufferLimit = 100)
    {
        checkpointer = new Checkpointer(committer, 10_000, TimeSpan.FromSeconds(1), CoreRecords.Telemetry);
        var rules = new SettlementRules(_ => false, null, 0, [TimeSpan.FromMilliseconds(10)]);
        var buffer = new EndpointBuffer(1_000);
        var services = new PartitionWorkerServices(10, partitionBufferLimit / 2, dispatcher, new WindowSettlement(dispatcher, rules, CoreRecords.Telemetry),
            rules, buffer, null, CoreRecords.Telemetry, _ => { });
        return new PartitionAssignments(new FakePartitionClient(), checkpointer, buffer, services, partitionBufferLimit, TimeSpan.FromSeconds(1));
    }
}

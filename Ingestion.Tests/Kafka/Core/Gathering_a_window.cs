using Confluent.Kafka;
using Ingestion.Kafka.Consuming;
using Ingestion.Tests.Kafka.Support;

namespace Ingestion.Tests.Kafka.Core;

/// <summary>
/// How much of its partition's buffer a window takes, without a broker: what arrived while it waited for its turn at the
/// partition gate, and (with a window time limit) what arrives while a small window waits to fill.
/// </summary>
[TestFixture]
public sealed class Gathering_a_window
{
    // Long enough for the partition's worker to take the first record before the test routes more. Should the worker be
    // slower than this, the records simply arrive together: the assertions still hold, the test just proves less.
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(300);

    private RecordingCommitter committer = new();
    private ScriptedDispatcher dispatcher = new((_, _) => null);

    [SetUp]
    public void SetUp()
    {
        committer = new RecordingCommitter();
        dispatcher = new ScriptedDispatcher((_, _) => null);
    }

    [Test]
    public async Task A_window_that_waited_for_its_turn_takes_the_records_that_arrived_meanwhile()
    {
        using var gate = new SemaphoreSlim(1);
        var assignments = Assignments(gate, TimeSpan.Zero);
        assignments.OnAssigned([new TopicPartition("t", 0)]);
        await gate.WaitAsync(); // another partition is writing

        assignments.Route(CoreRecords.Record(0));
        await Task.Delay(SettleTime);
        for (var offset = 1; offset < 5; offset++) assignments.Route(CoreRecords.Record(offset));
        gate.Release();
        await Eventually.Until(() => Completed() == 5, TimeSpan.FromSeconds(5), "the records were written");

        Assert.That(Windows(), Is.EqualTo(new[] { "0,1,2,3,4" }));
    }

    [Test]
    public async Task A_small_window_waits_within_its_time_limit_until_it_is_full()
    {
        var assignments = Assignments(gate: null, TimeSpan.FromSeconds(30));
        assignments.OnAssigned([new TopicPartition("t", 0)]);

        assignments.Route(CoreRecords.Record(0));
        await Task.Delay(SettleTime);
        for (var offset = 1; offset < 10; offset++) assignments.Route(CoreRecords.Record(offset));
        await Eventually.Until(() => Completed() == 10, TimeSpan.FromSeconds(5), "the full window was written (not after its time limit)");

        Assert.That(Windows(), Is.EqualTo(new[] { "0,1,2,3,4,5,6,7,8,9" }));
    }

    [Test]
    public async Task A_small_window_goes_with_what_it_has_once_its_time_limit_passed_and_is_committed_after_the_write()
    {
        var assignments = Assignments(gate: null, TimeSpan.FromMilliseconds(200));
        assignments.OnAssigned([new TopicPartition("t", 0)]);

        for (var offset = 0; offset < 3; offset++) assignments.Route(CoreRecords.Record(offset));
        await Eventually.Until(() => Completed() == 3, TimeSpan.FromSeconds(5), "the window was written");
        var committed = assignments.ReleaseAll();

        Assert.Multiple(() =>
        {
            Assert.That(Windows(), Is.EqualTo(new[] { "0,1,2" }));
            Assert.That(committed!.Select(o => $"{o.Partition.Value}@{o.Offset.Value}"), Is.EqualTo(new[] { "0@3" }));
        });
    }

    [Test]
    public async Task A_stop_ends_a_small_window_s_wait_and_commits_it_once_written()
    {
        var assignments = Assignments(gate: null, TimeSpan.FromSeconds(30));
        assignments.OnAssigned([new TopicPartition("t", 0)]);
        assignments.Route(CoreRecords.Record(0));
        assignments.Route(CoreRecords.Record(1));
        await Task.Delay(SettleTime);

        var committed = assignments.ReleaseAll();

        Assert.Multiple(() =>
        {
            Assert.That(Windows(), Is.EqualTo(new[] { "0,1" }), "written at the stop, not abandoned after the stop timeout");
            Assert.That(committed!.Select(o => $"{o.Partition.Value}@{o.Offset.Value}"), Is.EqualTo(new[] { "0@2" }));
        });
    }

    private int Completed() => dispatcher.Completed.Count;

    private string[] Windows() => [.. dispatcher.Dispatches.Select(d => string.Join(',', d.Offsets))];

    private PartitionAssignments Assignments(SemaphoreSlim? gate, TimeSpan windowTimeLimit)
    {
        var checkpointer = new Checkpointer(committer, 10_000, TimeSpan.FromSeconds(1), CoreRecords.Telemetry);
        var rules = new SettlementRules(_ => false, null, 0, [TimeSpan.FromMilliseconds(10)]);
        var buffer = new EndpointBuffer(1_000);
        var services = new PartitionWorkerServices(10, 50, dispatcher, new WindowSettlement(dispatcher, rules, CoreRecords.Telemetry),
            rules, buffer, gate, CoreRecords.Telemetry, _ => { })
        { WindowTimeLimit = windowTimeLimit };
        // A stop that had to wait out its timeout would abandon the window (nothing committed) and fail the stop test.
        return new PartitionAssignments(new FakePartitionClient(), checkpointer, buffer, services, 100, TimeSpan.FromSeconds(2));
    }
}

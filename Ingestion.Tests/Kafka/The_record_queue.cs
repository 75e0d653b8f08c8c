using Confluent.Kafka;
using Ingestion.Kafka.Consuming;

namespace Ingestion.Tests.Kafka;

[TestFixture]
public sealed class The_record_queue
{
    private static ConsumeResult<byte[]?, byte[]> Record(long offset) =>
        new() { TopicPartitionOffset = new TopicPartitionOffset("t", 0, offset), Message = new Message<byte[]?, byte[]> { Value = [] } };

    [Test]
    public async Task Hands_out_records_in_order_a_window_of_at_most_the_limit_at_a_time()
    {
        var queue = new RecordQueue();
        for (var offset = 0; offset < 5; offset++) queue.Add(Record(offset));
        var window = new List<ConsumeResult<byte[]?, byte[]>>();

        Assert.That(await queue.TakeAsync(window, 3, CancellationToken.None), Is.True);
        Assert.That(window.Select(r => r.Offset.Value), Is.EqualTo(new long[] { 0, 1, 2 }));
        window.Clear();
        Assert.That(await queue.TakeAsync(window, 3, CancellationToken.None), Is.True);
        Assert.That(window.Select(r => r.Offset.Value), Is.EqualTo(new long[] { 3, 4 }));
    }

    [Test]
    public async Task Wakes_a_waiting_reader_when_a_record_arrives()
    {
        var queue = new RecordQueue();
        var window = new List<ConsumeResult<byte[]?, byte[]>>();
        var taking = queue.TakeAsync(window, 10, CancellationToken.None).AsTask();
        Assert.That(taking.IsCompleted, Is.False, "nothing to take yet");

        queue.Add(Record(7));

        Assert.That(await taking.WaitAsync(TimeSpan.FromSeconds(5)), Is.True);
        Assert.That(window.Single().Offset.Value, Is.EqualTo(7));
    }

    [Test]
    public async Task Ends_a_waiting_reader_when_completed_and_ignores_later_records()
    {
        var queue = new RecordQueue();
        var window = new List<ConsumeResult<byte[]?, byte[]>>();
        var taking = queue.TakeAsync(window, 10, CancellationToken.None).AsTask();

        queue.Complete();
        queue.Add(Record(1));

        Assert.That(await taking.WaitAsync(TimeSpan.FromSeconds(5)), Is.False);
        Assert.That(await queue.TakeAsync(window, 10, CancellationToken.None), Is.False);
        Assert.That(window, Is.Empty);
    }

    [Test]
    public void Stops_waiting_when_cancelled()
    {
        var queue = new RecordQueue();
        using var cancellation = new CancellationTokenSource();
        var taking = queue.TakeAsync([], 10, cancellation.Token).AsTask();

        cancellation.Cancel();

        Assert.That(async () => await taking, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void Tops_a_window_up_with_what_is_queued_without_waiting()
    {
        var queue = new RecordQueue();
        var window = new List<ConsumeResult<byte[]?, byte[]>> { Record(0) };
        for (var offset = 1; offset < 5; offset++) queue.Add(Record(offset));

        queue.TakeAvailable(window, 3);
        queue.TakeAvailable([], 3);
        var empty = new List<ConsumeResult<byte[]?, byte[]>>();
        queue.TakeAvailable(empty, 10);
        queue.TakeAvailable(empty, 10);

        Assert.Multiple(() =>
        {
            Assert.That(window.Select(r => r.Offset.Value), Is.EqualTo(new long[] { 0, 1, 2 }));
            Assert.That(empty, Is.Empty, "the other two went to the window topped up in between");
        });
    }

    [Test]
    public async Task A_wait_for_records_ends_once_enough_are_queued()
    {
        var queue = new RecordQueue();
        var waiting = queue.WaitForAsync(2, TimeSpan.FromMinutes(5), CancellationToken.None).AsTask();

        queue.Add(Record(0));
        var afterOne = waiting.IsCompleted;
        queue.Add(Record(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(afterOne, Is.False, "one record is not enough");
    }

    [Test]
    public async Task A_wait_for_records_ends_at_its_time_limit_or_when_the_queue_completes()
    {
        var timed = new RecordQueue();
        var completing = new RecordQueue();
        var waitingOut = timed.WaitForAsync(5, TimeSpan.FromMilliseconds(50), CancellationToken.None).AsTask();
        var waitingForEnd = completing.WaitForAsync(5, TimeSpan.FromMinutes(5), CancellationToken.None).AsTask();

        completing.Complete();

        Assert.That(async () => await Task.WhenAll(waitingOut, waitingForEnd).WaitAsync(TimeSpan.FromSeconds(5)), Throws.Nothing);
    }
}

using System.Diagnostics.Metrics;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Redelivery;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Kafka;

/// <summary>An unexpected exception in a partition's processing never leaves the partition silently stopped.</summary>
[TestFixture]
public sealed class Restarting_a_faulted_partition
{
    [Test]
    public async Task Restarts_the_partition_from_its_last_commit_so_its_records_still_arrive()
    {
        var topic = TestInfrastructure.CreateTopic("restart", partitions: 2);
        DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        using var restarts = new RestartCounter(topic);
        var consumed = new ConsumedMessages
        {
            // The first delivery of "trigger" fails with an error that is not retried in memory, so the rider classifies it.
            Behavior = (m, attempt) => m.Name == "trigger" && attempt == 1 ? throw new InvalidOperationException("first delivery fails") : Task.CompletedTask,
        };
        var classified = 0;
        await using var host = await RiderTestHost.StartCollectingAsync(topic, group, consumed, kafka =>
            kafka.UseRedelivery(r =>
            {
                r.Intervals(TimeSpan.FromMilliseconds(200));
                // The fault: the classifier itself throws for one failure, which it classifies twice: on the endpoint's error
                // pipe (inside the dispatch) and then in the rider's settlement, outside any dispatch, inside the partition's
                // processing loop.
                r.IsTransient = exception => Interlocked.Increment(ref classified) <= 2
                    ? throw new InvalidOperationException("injected fault in the partition worker")
                    : TransientExceptions.IsTransient(exception);
            }));

        KafkaProbe.ProduceRaw(topic, [("a", KafkaProbe.Json("""{"name":"before","value":0}"""), null)], partition: 0);
        await Eventually.Until(() => KafkaProbe.Committed(topic, group, 2)[0] == 1, TimeSpan.FromSeconds(20), "the first record was committed");
        KafkaProbe.ProduceRaw(topic, [("a", KafkaProbe.Json("""{"name":"trigger","value":1}"""), null)], partition: 0);
        KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 10).Select(i =>
            ((string?)"a", KafkaProbe.Json($$"""{"name":"after_{{i}}","value":{{i}}}"""), (Confluent.Kafka.Headers?)null)), partition: 0);
        KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 10).Select(i =>
            ((string?)"b", KafkaProbe.Json($$"""{"name":"other_{{i}}","value":{{i}}}"""), (Confluent.Kafka.Headers?)null)), partition: 1);

        await Eventually.Until(() => KafkaProbe.Committed(topic, group, 2)[0] == 12, TimeSpan.FromSeconds(30), "the faulted partition was committed to its end");
        var partitionZero = consumed.Messages.Where(m => m.Partition == 0).Select(m => m.Message.Name).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(partitionZero, Is.SupersetOf(new[] { "before", "trigger" }.Concat(Enumerable.Range(0, 10).Select(i => $"after_{i}"))));
            Assert.That(consumed.Messages.Count(m => m.Partition == 1), Is.EqualTo(10), "the other partition flowed");
            Assert.That(restarts.Count, Is.EqualTo(1), "the restart is counted");
            Assert.That(host.Endpoint().IsConsuming, Is.True);
        });
    }

    [Test]
    public async Task Reports_a_partition_that_faults_again_right_after_each_restart_until_it_gets_going()
    {
        var topic = TestInfrastructure.CreateTopic("refault", partitions: 1);
        DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var consumed = new ConsumedMessages
        {
            Behavior = (m, attempt) => m.Name == "broken" && attempt <= 3 ? throw new InvalidOperationException("fails") : Task.CompletedTask,
        };
        // Each failed dispatch is classified twice (error pipe, then the rider's settlement, where the fault hits): 3 faults.
        var faults = 6;
        await using var host = await RiderTestHost.StartCollectingAsync(topic, group, consumed, kafka =>
            kafka.UseRedelivery(r =>
            {
                r.Intervals(TimeSpan.FromMilliseconds(300));
                r.IsTransient = exception => Interlocked.Decrement(ref faults) >= 0
                    ? throw new InvalidOperationException("injected fault, every time")
                    : TransientExceptions.IsTransient(exception);
            }));

        KafkaProbe.ProduceRaw(topic, [("a", KafkaProbe.Json("""{"name":"broken","value":1}"""), null)]);
        await Eventually.Until(() => host.Endpoint().RepeatedFault is not null, TimeSpan.FromSeconds(20), "the repeated fault is reported");
        var reported = host.Endpoint().RepeatedFault;
        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 1, TimeSpan.FromSeconds(30), "the record was committed once the fault stopped");

        Assert.Multiple(() =>
        {
            Assert.That(reported, Does.Contain("partition 0").And.Contain("in a row"));
            Assert.That(host.Endpoint().RepeatedFault, Is.Null, "cleared once the partition completed a window");
            Assert.That(consumed.Messages.Select(m => m.Message.Name), Is.EqualTo(new[] { "broken" }));
        });
    }

    /// <summary>Counts <c>ingestion.kafka.partition_restarts</c> for one topic.</summary>
    private sealed class RestartCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public RestartCounter(string topic)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == KafkaMetrics.MeterName && instrument.Name == "ingestion.kafka.partition_restarts")
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "topic" && tag.Value as string == topic)
                        Interlocked.Add(ref count, value);
                }
            });
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }
}

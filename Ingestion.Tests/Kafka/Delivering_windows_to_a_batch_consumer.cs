using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Confluent.Kafka;
using Headers = Confluent.Kafka.Headers;
using Ingestion.Contracts;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Redelivery;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Tests.Kafka.Support;
using Ingestion.Tests.Support;
using MassTransit;

namespace Ingestion.Tests.Kafka;

/// <summary><c>ConfigureBatchConsumer</c>: a partition's window reaches the batch consumer as one batch.</summary>
[TestFixture]
public sealed class Delivering_windows_to_a_batch_consumer
{
    [Test]
    public async Task Hands_over_each_window_as_one_batch_of_one_partition_in_offset_order_with_each_members_own_record()
    {
        var topic = TestInfrastructure.CreateTopic("window", partitions: 3);
        var group = $"group-{Guid.NewGuid():N}";
        // Produced before the consumer starts, so windows are full rather than one record each.
        for (var partition = 0; partition < 3; partition++)
            KafkaProbe.ProduceRaw(topic, Metrics(partition * 1000, 250), partition);

        await using var host = await StartAsync(topic, group, new ConsumedMessages(), windowSize: 100);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 3) == 750, TimeSpan.FromSeconds(30), "every offset was committed");
        var consumed = host.Consumed;
        var batches = consumed.Batches.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Messages.Select(m => m.Message.Value).Order(),
                Is.EqualTo(Enumerable.Range(0, 3).SelectMany(p => Enumerable.Range(p * 1000, 250)).Select(v => (double)v)), "every record once");
            Assert.That(batches.Max(b => b.Count), Is.EqualTo(100), "a window holds up to the delivery limit");
            Assert.That(batches, Has.All.Matches<IReadOnlyList<KafkaRecordContext>>(b => b.All(r => r.Partition == b[0].Partition)), "one partition per batch");
            Assert.That(batches, Has.All.Matches<IReadOnlyList<KafkaRecordContext>>(b => b.Select((r, i) => r.Offset - i).Distinct().Count() == 1),
                "consecutive offsets, in order");
            Assert.That(batches.SelectMany(b => b).Select(r => r.DeliveryCount), Has.All.EqualTo(1));
            Assert.That(consumed.Messages.All(m => m.Message.Value == m.Partition * 1000 + m.Offset), Is.True,
                "each member reports the coordinates of its own record");
        });
    }

    [Test]
    public async Task Dead_letters_records_it_cannot_read_and_hands_over_their_neighbours_including_enveloped_ones()
    {
        var topic = TestInfrastructure.CreateTopic("window-unreadable", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        var envelope = new Headers { { "content-type", Encoding.UTF8.GetBytes("application/vnd.masstransit+json") } };
        KafkaProbe.ProduceRaw(topic, [
            ("k", KafkaProbe.Json("""{"name":"first","value":1}"""), null),
            ("k", KafkaProbe.Json("{not json"), null),
            ("k", KafkaProbe.Json("""{"name":"wrong_type","value":"high"}"""), null),
            ("k", KafkaProbe.Json("""{"messageId":"5e1a0000-0000-0000-0000-000000000000","message":{"name":"enveloped","value":3}}"""), envelope),
            ("k", KafkaProbe.Json("""{"name":"last","value":4}"""), null),
        ]);

        await using var host = await StartAsync(topic, group, new ConsumedMessages(), windowSize: 100);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 5, TimeSpan.FromSeconds(20), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 3, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(host.Consumed.Messages.Select(m => m.Message.Name), Is.EqualTo(new[] { "first", "enveloped", "last" }));
            Assert.That(host.Consumed.Batches.SelectMany(b => b).Select(r => r.DeliveryCount), Has.All.EqualTo(1),
                "unreadable records never fail the batch of their readable neighbours");
            Assert.That(records.Select(r => (r.Record.Offset, r.Record.Reason)), Is.EqualTo(new[]
            {
                (1L, DeadLetterReasons.Deserialization), (2L, DeadLetterReasons.Deserialization),
            }));
        });
    }

    [Test]
    public async Task Splits_a_failing_batch_until_the_poison_record_stands_alone_and_dead_letters_only_it()
    {
        var topic = TestInfrastructure.CreateTopic("window-poison", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        KafkaProbe.ProduceRaw(topic, Enumerable.Range(0, 100).Select(i =>
            ((string?)"k", KafkaProbe.Json($$"""{"name":"{{(i == 37 ? "poison" : "good")}}","value":{{i}}}"""), (Headers?)null)));
        var consumed = new ConsumedMessages
        {
            Behavior = (m, _) => m.Name == "poison" ? throw new InvalidOperationException("violates a constraint") : Task.CompletedTask,
        };

        await using var host = await StartAsync(topic, group, consumed, windowSize: 50);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 100, TimeSpan.FromSeconds(30), "every offset was committed");
        var records = DeadLetters.Read(dlq, expected: 2, TimeSpan.FromSeconds(2));
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Messages.Select(m => m.Message.Value).Order(),
                Is.EqualTo(Enumerable.Range(0, 100).Where(i => i != 37).Select(i => (double)i)), "every good neighbour once");
            Assert.That(records.Select(r => (r.Record.Offset, r.Record.Reason)), Is.EqualTo(new[] { (37L, DeadLetterReasons.Exhausted) }));
            Assert.That(consumed.Batches.Where(b => b.Any(r => r.Offset == 37)), Is.Empty, "no batch with the poison record completed");
        });
    }

    [Test]
    public async Task Redelivers_the_whole_batch_after_a_transient_failure_and_dead_letters_nothing()
    {
        var topic = TestInfrastructure.CreateTopic("window-transient", partitions: 1);
        var dlq = DeadLetters.CreateTopicFor(topic);
        var group = $"group-{Guid.NewGuid():N}";
        KafkaProbe.ProduceRaw(topic, Metrics(0, 40));
        var failures = 0;
        var consumed = new ConsumedMessages
        {
            Behavior = (_, _) => Interlocked.Increment(ref failures) <= 3 ? throw new TimeoutException("the database did not answer") : Task.CompletedTask,
        };

        await using var host = await StartAsync(topic, group, consumed, windowSize: 100,
            configure: k => k.UseRedelivery(r => r.Intervals(TimeSpan.FromMilliseconds(200))));

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 40, TimeSpan.FromSeconds(20), "every offset was committed");
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Messages.Select(m => m.Message.Value), Is.EqualTo(Enumerable.Range(0, 40).Select(v => (double)v)), "every record once, in order");
            // Three failed deliveries of the first window, each redelivered whole; the fourth goes through.
            Assert.That(consumed.Batches.First(b => b[0].Offset == 0).Select(r => r.DeliveryCount), Has.All.EqualTo(4));
            Assert.That(DeadLetters.Read(dlq, expected: 1, TimeSpan.FromSeconds(1)), Is.Empty);
        });
    }

    [Test]
    public async Task Traces_each_window_in_one_span_that_continues_or_links_the_trace_of_every_record()
    {
        var topic = TestInfrastructure.CreateTopic("window-trace", partitions: 1);
        var group = $"group-{Guid.NewGuid():N}";
        var traces = Enumerable.Range(0, 3).Select(_ => ActivityTraceId.CreateRandom()).ToList();
        KafkaProbe.ProduceRaw(topic, traces.Select((trace, i) => ((string?)"k", KafkaProbe.Json($$"""{"name":"m","value":{{i}}}"""),
            (Headers?)new Headers { { "traceparent", Encoding.ASCII.GetBytes($"00-{trace}-{ActivitySpanId.CreateRandom()}-01") } })));
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KafkaMetrics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((string?)activity.GetTagItem("messaging.destination.name") == topic) spans.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var host = await StartAsync(topic, group, new ConsumedMessages(), windowSize: 100);

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 3, TimeSpan.FromSeconds(20), "every offset was committed");
        // A window of one record continues its trace; a larger one links every record's trace.
        var traced = spans.SelectMany(span => span.Links.Any() ? span.Links.Select(link => link.Context.TraceId) : [span.TraceId]);
        Assert.Multiple(() =>
        {
            Assert.That(traced, Is.EquivalentTo(traces));
            Assert.That(spans.Sum(span => (int)span.GetTagItem("messaging.batch.message_count")!), Is.EqualTo(3), "one span per window");
        });
    }

    [Test]
    public async Task Applies_the_endpoints_scoped_consume_filters_to_the_batch_as_ConfigureConsumer_does()
    {
        var topic = TestInfrastructure.CreateTopic("window-filters", partitions: 1);
        var group = $"group-{Guid.NewGuid():N}";
        KafkaProbe.ProduceRaw(topic, Metrics(0, 10));

        await using var host = await RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingBatchConsumer, CollectingBatchConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.UseConsumeFilter(typeof(RecordingConsumeFilter<>), context);
                e.ConfigureBatchConsumer<CollectingBatchConsumer, MetricRecorded>(context);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
            }));
        });

        await Eventually.Until(() => KafkaProbe.CommittedTotal(topic, group, 1) == 10, TimeSpan.FromSeconds(20), "every offset was committed");
        Assert.Multiple(() =>
        {
            Assert.That(host.Consumed.Messages, Has.Count.EqualTo(10));
            Assert.That(host.Consumed.FilteredMessageTypes.Distinct(), Is.EqualTo(new[] { typeof(Batch<MetricRecorded>) }),
                "the filter ran on the consumer's batch");
        });
    }

    [Test]
    public void Refuses_to_start_with_a_batch_consumer_that_was_never_registered()
    {
        var topic = TestInfrastructure.CreateTopic("window-unregistered", partitions: 1);

        var failure = Assert.CatchAsync(async () =>
        {
            await using var host = await RiderTestHost.StartAsync(r => r.UsingKafka((context, k) =>
                k.TopicEndpoint<MetricRecorded>(topic, "group", e => e.ConfigureBatchConsumer<CollectingBatchConsumer, MetricRecorded>(context))));
        });

        Assert.That(failure!.ToString(), Does.Contain("CollectingBatchConsumer is not registered"));
    }

    private static IEnumerable<(string? Key, byte[] Value, Headers? Headers)> Metrics(int first, int count) =>
        Enumerable.Range(first, count).Select(i => ((string?)"k", KafkaProbe.Json($$"""{"name":"m","value":{{i}}}"""), (Headers?)null));

    private static Task<RiderTestHost> StartAsync(string topic, string group, ConsumedMessages consumed, int windowSize,
        Action<IKafkaTopicReceiveEndpointConfigurator>? configure = null) =>
        RiderTestHost.StartAsync(r =>
        {
            r.AddConsumer<CollectingBatchConsumer, CollectingBatchConsumerDefinition>();
            r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, group, e =>
            {
                e.ConfigureBatchConsumer<CollectingBatchConsumer, MetricRecorded>(context);
                e.SetWindowSize(windowSize);
                e.CheckpointInterval = TimeSpan.FromMilliseconds(100);
                configure?.Invoke(e);
            }));
        }, consumed);
}

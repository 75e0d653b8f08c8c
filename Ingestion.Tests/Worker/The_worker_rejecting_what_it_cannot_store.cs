using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Ingestion.Consumers.Statistics;
using Ingestion.Contracts;
using Ingestion.Kafka.Consuming;
using Ingestion.Kafka.DeadLettering;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Worker;

/// <summary>
/// What the worker refuses (invalid metrics, unreadable records, rows PostgreSQL refuses) goes down its topic endpoint's
/// error pipe, where a user's filter sees it, and the worker's counters say what became of each record once.
/// </summary>
public sealed class The_worker_rejecting_what_it_cannot_store
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Test]
    public async Task Shows_a_users_error_filter_each_invalid_metric_with_its_exception_and_still_dead_letters_it_with_its_reason()
    {
        var settings = await WorkerSettings.CreateAsync("worker-reject-filter", partitions: 1);
        var seen = new ConcurrentQueue<(long Offset, Exception Exception)>();
        await using var worker = await InProcessWorker.StartAsync(settings, services =>
            services.AddSingleton<IConfigureReceiveEndpoint>(new ErrorFilterCallback(new ObservingErrorFilter(seen))));

        await RawTopic.ProduceAsync(settings.Topic, [
            RawTopic.Encode(RawTopic.Metric("beside_invalid", 0)),
            Encoding.UTF8.GetBytes($$"""{"name":"{{new string('n', MetricLimits.MaxNameLength + 1)}}","value":1}"""),
            RawTopic.Encode(RawTopic.Metric("beside_invalid", 2)),
        ]);

        var stored = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 2, Patience, "beside_invalid");
        var deadLetters = RawTopic.ReadAll(settings.DeadLetterTopic, 1, Patience, TimeSpan.FromSeconds(2))
            .Select(r => JsonSerializer.Deserialize<DeadLetterRecord>(r.Message.Value)!)
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo(2));
            Assert.That(seen.Select(s => s.Offset), Is.EqualTo(new long[] { 1 }), "the user's filter saw the rejected metric");
            Assert.That(seen.Select(s => s.Exception), Has.All.InstanceOf<InvalidMessageException>(), "with its exception");
            Assert.That(seen.Select(s => s.Exception.Message), Has.All.StartsWith("name: "));
            Assert.That(deadLetters.Select(d => (d.Offset, d.Reason)), Is.EqualTo(new[] { (1L, DeadLetterReasons.Validation) }));
            Assert.That(deadLetters[0].Error, Does.StartWith("name: "));
        });
    }

    [Test]
    public async Task Counts_each_record_once_as_stored_or_dead_lettered_and_a_refused_row_as_no_failed_try()
    {
        var settings = await WorkerSettings.CreateAsync("worker-counts-once", partitions: 1);
        settings.Overrides["Worker:BatchSize"] = "100";
        await using var worker = await InProcessWorker.StartAsync(settings);
        await RefusingRowsByName.InstallWhenMigratedAsync(settings.ConnectionString, "refused_counted", Patience);

        // 97 good metrics, one invalid, one unreadable and one PostgreSQL refuses (the rider bisects the window for it).
        var records = Enumerable.Range(0, 100).Select(i => i switch
        {
            10 => Encoding.UTF8.GetBytes("""{"name":"counted","value":1e999}"""),
            40 => Encoding.UTF8.GetBytes("{not json"),
            70 => RawTopic.Encode(RawTopic.Metric("refused_counted", i)),
            _ => RawTopic.Encode(RawTopic.Metric("counted", i)),
        }).ToList();
        await RawTopic.ProduceAsync(settings.Topic, records);

        var stored = await MetricsTable.WaitForCountAsync(settings.ConnectionString, 97, Patience, "counted");
        var deadLetters = RawTopic.ReadAll(settings.DeadLetterTopic, 3, Patience, TimeSpan.FromSeconds(2));
        var statistics = worker.Services.GetRequiredService<WorkerStatistics>();
        await Eventually(() => statistics.Snapshot().Processed >= 100);
        var snapshot = statistics.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(stored, Is.EqualTo(97));
            Assert.That(deadLetters, Has.Count.EqualTo(3));
            Assert.That(snapshot.Processed, Is.EqualTo(100), "every record once: 97 stored + 3 dead-lettered");
            Assert.That(snapshot.Persisted, Is.EqualTo(97));
            Assert.That(snapshot.DeadLettered, Is.EqualTo(3));
            Assert.That(snapshot.Failed, Is.Zero, "isolating the refused row is no failed try");
        });
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
            await Task.Delay(50);
    }

    /// <summary>A MassTransit endpoint callback (as <c>AddConfigureEndpointsCallback</c> registers one) adding a user's error filter.</summary>
    private sealed class ErrorFilterCallback(IFilter<ExceptionReceiveContext> filter) : IConfigureReceiveEndpoint
    {
        public void Configure(string name, IReceiveEndpointConfigurator configurator) => configurator.ConfigureError(x => x.UseFilter(filter));
    }

    private sealed class ObservingErrorFilter(ConcurrentQueue<(long Offset, Exception Exception)> seen) : IFilter<ExceptionReceiveContext>
    {
        public Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
        {
            seen.Enqueue((context.TryGetPayload(out KafkaRecordContext? record) ? record.Offset : -1, context.Exception));
            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("observingError");
    }
}

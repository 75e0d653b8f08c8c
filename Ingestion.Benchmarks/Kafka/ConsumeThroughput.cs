using System.Globalization;
using Ingestion.Contracts;
using Ingestion.Kafka.Batching;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Producing;
using Ingestion.Kafka.Riding;
using MassTransit;
using MassTransit.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>
/// Messages/s from a pre-filled topic through the rider and MassTransit's consume pipeline into a no-op consumer, until every
/// offset is committed. <c>--mode single</c> (IConsumer&lt;T&gt;, one at a time per partition) or <c>batch</c> (IConsumer&lt;Batch&lt;T&gt;&gt; through MassTransit's batch collector) or <c>window</c> (the same consumer fed whole
/// partition windows by <c>ConfigureBatchConsumer</c>).
/// </summary>
internal static class ConsumeThroughput
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var total = arguments.Int("messages", 300_000);
        var partitions = arguments.Int("partitions", 12);
        var mode = arguments.String("mode") ?? "single";
        var batchSize = arguments.Int("batch-size", 1_000);
        // Optional endpoint settings to compare (the rider's defaults otherwise).
        var limits = new EndpointLimits(
            arguments.String("window-size") is { } limit ? int.Parse(limit, CultureInfo.InvariantCulture) : null,
            arguments.Int("partition-limit", 0),
            arguments.Int("buffer-limit", 0));
        using var broker = new BenchmarkBroker(arguments);

        if (mode is "pipeline")
            return await PipelineOnly.RunAsync(total, partitions);
        if (mode is "raw")
            return await RawClient(broker, total, partitions);

        // A short first run warms the JIT and MassTransit's caches, so the measured run is the steady state.
        await RunOnce(broker, "bench-warmup", 20_000, partitions, mode, batchSize, limits, report: false);
        return await RunOnce(broker, "bench-consume", total, partitions, mode, batchSize, limits, report: true);
    }

    private static async Task<int> RunOnce(
        BenchmarkBroker broker, string prefix, int total, int partitions, string mode, int batchSize, EndpointLimits limits, bool report)
    {
        var batch = mode is "batch" or "window";
        var topic = broker.CreateTopic(prefix, partitions);
        await Fill(broker.BootstrapServers, topic, total);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Kafka:BootstrapServers"] = broker.BootstrapServers;
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMassTransit(x =>
        {
            x.UsingInMemory();
            x.AddRider(r =>
            {
                if (batch)
                    r.AddConsumer<NoOpBatchConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(batchSize).SetTimeLimit(TimeSpan.FromMilliseconds(20))));
                else
                    r.AddConsumer<NoOpConsumer>();
                r.UsingKafka((context, k) => k.TopicEndpoint<MetricRecorded>(topic, $"{prefix}-group", e =>
                {
                    if (batch)
                    {
                        if (mode is "window")
                            e.ConfigureBatchConsumer<NoOpBatchConsumer, MetricRecorded>(context);
                        else
                            e.ConfigureConsumer<NoOpBatchConsumer>(context);
                        e.SetWindowSize(limits.WindowSize ?? batchSize);
                        e.SetConcurrentPartitionLimit(limits.PartitionLimit);
                    }
                    else
                    {
                        e.ConfigureConsumer<NoOpConsumer>(context);
                    }
                    e.CheckpointInterval = TimeSpan.FromMilliseconds(200);
                    if (limits.PartitionBufferLimit > 0) e.SetPartitionBufferLimit(limits.PartitionBufferLimit);
                }));
            });
        });
        using var host = builder.Build();

        var measurement = new Measurement();
        await host.StartAsync();
        var endpoint = host.Services.GetRequiredService<Bind<IBus, IKafkaRider>>().Value.Endpoints[0];
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (endpoint.CommittedOffsets.Values.Sum() < total && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        var committed = endpoint.CommittedOffsets.Values.Sum();
        var result = measurement.Stop("kafka-consume", committed,
            string.Create(CultureInfo.InvariantCulture, $"mode={mode} partitions={partitions} expected={total}"));
        if (report) Console.WriteLine(result);
        await host.StopAsync();
        return committed == total ? 0 : 1;
    }

    /// <summary>The Confluent client alone (poll, decompress, marshal; no MassTransit, no rider): the floor under the rider.</summary>
    private static async Task<int> RawClient(BenchmarkBroker broker, int total, int partitions)
    {
        var topic = broker.CreateTopic("bench-consume", partitions);
        await Fill(broker.BootstrapServers, topic, total);
        using var consumer = new Confluent.Kafka.ConsumerBuilder<byte[]?, byte[]>(new Confluent.Kafka.ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = "bench-raw",
            AutoOffsetReset = Confluent.Kafka.AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            ConsumeResultFields = "headers,timestamp",
        }).Build();
        var measurement = new Measurement();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new Confluent.Kafka.TopicPartitionOffset(topic, p, Confluent.Kafka.Offset.Beginning)));
        var count = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (count < total && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false }) count++;
        }
        Console.WriteLine(measurement.Stop("kafka-consume", count, $"mode=raw-client partitions={partitions} expected={total}"));
        return count == total ? 0 : 1;
    }

    private static async Task Fill(string bootstrapServers, string topic, int total)
    {
        using var client = new KafkaProducerClient(new KafkaOptions { BootstrapServers = bootstrapServers });
        var producer = new KafkaTopicProducer<MetricRecorded>(client, topic, SeriesKey.For, m => m.Id);
        for (var start = 0; start < total; start += 10_000)
            await producer.ProduceMany(SampleMetrics.Create(start, Math.Min(10_000, total - start)));
    }
}

public sealed class NoOpConsumer : IConsumer<MetricRecorded>
{
    public Task Consume(ConsumeContext<MetricRecorded> context) => Task.CompletedTask;
}

public sealed class NoOpBatchConsumer : IConsumer<Batch<MetricRecorded>>
{
    public Task Consume(ConsumeContext<Batch<MetricRecorded>> context) => Task.CompletedTask;
}

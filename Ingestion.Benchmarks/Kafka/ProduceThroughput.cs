using System.Globalization;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Producing;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>
/// Messages/s through <see cref="ITopicProducer{T}.ProduceMany"/> with acks=all, idempotence, lz4 and 5 ms linger:
/// every message is acknowledged before the clock stops.
/// </summary>
internal static class ProduceThroughput
{
    public static async Task<int> RunAsync(BenchmarkArguments arguments)
    {
        var total = arguments.Int("messages", 500_000);
        var chunk = arguments.Int("chunk", 10_000);
        var partitions = arguments.Int("partitions", 12);
        var concurrency = arguments.Int("concurrency", 4);
        using var broker = new BenchmarkBroker(arguments);
        var topic = broker.CreateTopic("bench-produce", partitions);
        using var client = new KafkaProducerClient(new KafkaOptions { BootstrapServers = broker.BootstrapServers });
        var producer = new KafkaTopicProducer<MetricRecorded>(client, topic, SeriesKey.For, m => m.Id);
        var chunks = Enumerable.Range(0, total / chunk).Select(c => SampleMetrics.Create(c * chunk, chunk)).ToArray();

        await producer.ProduceMany(SampleMetrics.Create(0, 1_000)); // warm up: metadata, producer id, JIT
        var measurement = new Measurement();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < chunks.Length)
                await producer.ProduceMany(chunks[index]);
        }));

        Console.WriteLine(measurement.Stop("kafka-produce", chunks.Length * chunk,
            string.Create(CultureInfo.InvariantCulture, $"partitions={partitions} chunk={chunk} concurrency={concurrency}")));
        return 0;
    }
}

using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Kafka.Native;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Worker;

/// <summary>Writes and reads records as a plain Kafka client in any language would: raw bytes, no MassTransit.</summary>
internal static class RawTopic
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Encode(MetricRecorded metric) => JsonSerializer.SerializeToUtf8Bytes(metric, Json);

    public static MetricRecorded Metric(string name, int i, bool withId = true) => new()
    {
        Id = withId ? Guid.CreateVersion7() : null,
        Name = name,
        Value = i,
        Timestamp = DateTimeOffset.UtcNow,
        Labels = new Dictionary<string, string> { ["series"] = (i % 17).ToString(System.Globalization.CultureInfo.InvariantCulture) },
    };

    /// <summary>A plain idempotent producer (acks=all, lz4) for one test.</summary>
    public static IProducer<string?, byte[]> CreateProducer()
    {
        KafkaNativeLibrary.EnsureLoaded();
        return new ProducerBuilder<string?, byte[]>(new ProducerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
        }).Build();
    }

    /// <summary>Produces every value (key = the series when it parses) and waits for all acknowledgements.</summary>
    public static async Task ProduceAsync(string topic, IEnumerable<byte[]> values, IProducer<string?, byte[]>? producer = null)
    {
        using var owned = producer is null ? CreateProducer() : null;
        var client = producer ?? owned!;
        var deliveries = values.Select(value => client.ProduceAsync(topic, new Message<string?, byte[]> { Key = KeyOf(value), Value = value })).ToList();
        await Task.WhenAll(deliveries);
    }

    public static Task ProduceAsync(string topic, IEnumerable<MetricRecorded> metrics, IProducer<string?, byte[]>? producer = null) =>
        ProduceAsync(topic, metrics.Select(Encode), producer);

    /// <summary>Reads every record of <paramref name="topic"/> until <paramref name="expected"/> arrived and then <paramref name="settle"/> passed without more.</summary>
    public static List<ConsumeResult<string?, byte[]>> ReadAll(string topic, int expected, TimeSpan timeout, TimeSpan settle)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var consumer = new ConsumerBuilder<string?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = $"reader-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var records = new List<ConsumeResult<string?, byte[]>>();
        var deadline = DateTime.UtcNow + timeout;
        var quietUntil = DateTime.MaxValue;
        while (DateTime.UtcNow < deadline && DateTime.UtcNow < quietUntil)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (record is null || record.IsPartitionEOF)
                continue;
            records.Add(record);
            if (records.Count >= expected)
                quietUntil = DateTime.UtcNow + settle;
        }
        consumer.Close();
        return records;
    }

    private static string? KeyOf(byte[] value)
    {
        try
        {
            var metric = JsonSerializer.Deserialize<MetricRecorded>(value, Json);
            return metric is null ? null : SeriesKey.For(metric);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(value).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}

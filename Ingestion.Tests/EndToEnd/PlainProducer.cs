using Confluent.Kafka;
using Ingestion.Kafka.Native;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.EndToEnd;

/// <summary>
/// A bare Confluent.Kafka producer, standing in for producers that know nothing of our rider (a Python script, the official
/// MassTransit.Kafka rider): it writes exactly the key, value and headers given and reports where each record landed.
/// </summary>
internal static class PlainProducer
{
    public static async Task<List<DeliveryResult<byte[]?, byte[]>>> ProduceAsync(string topic, IEnumerable<Message<byte[]?, byte[]>> records)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            Acks = Acks.All,
            MessageTimeoutMs = 15_000,
        }).Build();
        var results = new List<DeliveryResult<byte[]?, byte[]>>();
        // One at a time, so the offsets follow the order given.
        foreach (var record in records)
            results.Add(await producer.ProduceAsync(topic, record));
        return results;
    }

    public static Message<byte[]?, byte[]> Value(byte[] value, Headers? headers = null) => new() { Key = null, Value = value, Headers = headers };
}

using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Ingestion.Kafka.DeadLettering;
using Ingestion.Kafka.Native;

namespace Ingestion.Ops.DeadLetters;

/// <summary>
/// Republishes a DLQ record's original bytes to the metrics topic with its original key, its non-DLQ headers, and
/// <see cref="DeadLetterHeaders.ReplayedFrom"/> / <see cref="DeadLetterHeaders.ReplayCount"/>, waiting for the broker's acknowledgement.
/// </summary>
internal sealed class DeadLetterRepublisher : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> producer;
    private readonly string deadLetterTopic;
    private readonly string targetTopic;

    public DeadLetterRepublisher(ClientConfig clientConfig, string deadLetterTopic, string targetTopic)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var config = new ProducerConfig(new Dictionary<string, string>(clientConfig))
        {
            Acks = Acks.All,
            EnableIdempotence = true,
            ClientId = "ingestion-ops-replay",
            // One record in flight at a time (each is committed once acknowledged): waiting to batch only adds latency.
            LingerMs = 0,
        };
        // Give up on an unreachable broker within half a minute unless Kafka:Client:message.timeout.ms says otherwise.
        config.MessageTimeoutMs ??= 30_000;
        producer = new ProducerBuilder<byte[]?, byte[]?>(config).SetLogHandler((_, _) => { }).Build();
        this.deadLetterTopic = deadLetterTopic;
        this.targetTopic = targetTopic;
    }

    /// <summary>Publishes and returns where the replayed record landed.</summary>
    /// <remarks>Not cancellable on purpose: a cancelled wait can still be delivered, and the caller commits only acknowledged replays.</remarks>
    public async Task<TopicPartitionOffset> RepublishAsync(DeadLetterEntry entry)
    {
        var record = entry.Record ?? throw new InvalidOperationException($"DLQ record {entry.Position} is unreadable.");
        var headers = new Headers();
        // The DLQ's own headers describe the failure, not the message; everything else (message-id, content-type) travels on.
        foreach (var header in entry.Headers.Where(header => !header.Key.StartsWith("dlq-", StringComparison.Ordinal)))
            headers.Add(header.Key, header.Value);
        ReplayHeaders.Stamp(headers, deadLetterTopic, entry.Partition, entry.Offset, record.ReplayCount + 1);

        var message = new Message<byte[]?, byte[]?> { Key = entry.OriginalKey(), Value = entry.OriginalBytes(), Headers = headers };
        var delivery = await producer.ProduceAsync(targetTopic, message, CancellationToken.None);
        return delivery.TopicPartitionOffset;
    }

    public void Dispose()
    {
        producer.Flush(TimeSpan.FromSeconds(10));
        producer.Dispose();
    }
}

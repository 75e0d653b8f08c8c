using System.Text;
using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// The Kafka coordinates of the record behind a consumed message, a payload of its <c>ConsumeContext</c>:
/// <c>context.GetKafkaRecord()</c> or <c>context.TryGetPayload(out KafkaRecordContext? record)</c>.
/// </summary>
public sealed class KafkaRecordContext
{
    private readonly ConsumeResult<byte[]?, byte[]> record;
    private string? key;

    internal KafkaRecordContext(ConsumeResult<byte[]?, byte[]> record, KafkaEndpointIdentity endpoint, int deliveryCount)
    {
        this.record = record;
        Endpoint = endpoint;
        DeliveryCount = deliveryCount;
    }

    public string Topic => Endpoint.Topic;

    public int Partition => record.Partition.Value;

    public long Offset => record.Offset.Value;

    /// <summary>The record key as UTF-8 text (null when the record has no key).</summary>
    public string? Key => key ??= record.Message.Key is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>The record key as written.</summary>
    public byte[]? KeyBytes => record.Message.Key;

    /// <summary>The record timestamp (producer create time or broker log-append time).</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeMilliseconds(record.Message.Timestamp.UnixTimestampMs);

    /// <summary>The record value exactly as stored.</summary>
    public byte[] Value => record.Message.Value ?? [];

    /// <summary>The record headers (null when the producer wrote none).</summary>
    public Headers? Headers => record.Message.Headers;

    public string GroupId => Endpoint.GroupId;

    /// <summary>1 on the first delivery, then counting redeliveries and isolation re-dispatches by the rider.</summary>
    public int DeliveryCount { get; }

    internal KafkaEndpointIdentity Endpoint { get; }

    /// <summary>The error pipe's rider filter passed this record's fault on as final (a filter after it may still hand it back).</summary>
    internal bool FaultPassedOn { get; set; }

    /// <summary>The dead-letter filter wrote this record to the dead-letter topic (so the skipped-message pipe does not again).</summary>
    internal bool DeadLettered { get; set; }

    internal ConsumeResult<byte[]?, byte[]> Record => record;
}

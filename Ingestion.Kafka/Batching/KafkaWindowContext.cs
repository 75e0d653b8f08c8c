using Confluent.Kafka;
using Ingestion.Kafka.Consuming;

namespace Ingestion.Kafka.Batching;

/// <summary>
/// The records of one window dispatch (a payload of its receive), and what became of them: the records that could not be
/// read as the consumer's message type, and whether a window filter took the window at all.
/// </summary>
internal sealed class KafkaWindowContext(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, KafkaEndpointIdentity endpoint, int deliveryCount)
{
    public IReadOnlyList<ConsumeResult<byte[]?, byte[]>> Records => records;

    public KafkaEndpointIdentity Endpoint => endpoint;

    public int DeliveryCount => deliveryCount;

    /// <summary>Indexes of the records that could not be deserialized, with the reason; set anew by every attempt.</summary>
    public IReadOnlyList<(int Index, Exception Exception)> Unreadable { get; set; } = [];

    /// <summary>The error pipe's rider filter passed the window's fault on as final (its one record's).</summary>
    public bool FaultPassedOn { get; set; }

    /// <summary>The record of a one-record window, for the error pipe (made when a fault needs it, not per window).</summary>
    public KafkaRecordContext? Alone() => records.Count == 1 ? new KafkaRecordContext(records[0], endpoint, deliveryCount) : null;

    /// <summary>True once a window filter received the window (a dispatch nobody took must not count as consumed).</summary>
    public bool Received { get; set; }
}

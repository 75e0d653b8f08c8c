using Confluent.Kafka;

namespace Ingestion.Kafka.Consuming;

/// <summary>
/// A record whose dispatch failed, with the exception its pipeline ended with. <paramref name="HandedBack"/>: the failure was
/// final and went down the endpoint's error pipe, which gave it back instead of settling it (no dead-letter filter took it).
/// </summary>
internal readonly record struct RecordFailure(ConsumeResult<byte[]?, byte[]> Record, Exception Exception, bool HandedBack = false);

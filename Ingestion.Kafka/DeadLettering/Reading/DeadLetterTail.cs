namespace Ingestion.Kafka.DeadLettering.Reading;

/// <summary>The dead-letter topic's depth and its newest records, newest first.</summary>
/// <param name="Topic">The dead-letter topic.</param>
/// <param name="Depth">Records the broker holds on the topic (high minus low watermark, all partitions).</param>
/// <param name="Latest">The newest records across partitions, newest first.</param>
public sealed record DeadLetterTail(string Topic, long Depth, IReadOnlyList<DeadLetterTailEntry> Latest);

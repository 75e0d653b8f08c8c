namespace Ingestion.Api.Model.Ops;

/// <summary>How many records the dead-letter topic holds.</summary>
/// <param name="Topic">The dead-letter topic.</param>
/// <param name="Depth">Records held over all partitions (0 when the topic does not exist yet); null when Kafka could not be read.</param>
/// <param name="Error">Why the depth could not be read, when it could not.</param>
public sealed record DeadLetterDepthView(string Topic, long? Depth, string? Error);

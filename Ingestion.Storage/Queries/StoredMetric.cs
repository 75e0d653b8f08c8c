namespace Ingestion.Storage.Queries;

/// <summary>One row of <c>metrics</c> as the read side returns it.</summary>
public sealed record StoredMetric(
    Guid Id,
    string Name,
    double Value,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? IngestedAt);

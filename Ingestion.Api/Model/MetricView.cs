namespace Ingestion.Api.Model;

/// <summary>One stored metric as the query endpoint returns it.</summary>
public sealed record MetricView(
    Guid Id,
    string Name,
    double Value,
    DateTimeOffset Timestamp,
    IReadOnlyDictionary<string, string> Labels,
    DateTimeOffset? ReceivedAt,
    DateTimeOffset? IngestedAt);

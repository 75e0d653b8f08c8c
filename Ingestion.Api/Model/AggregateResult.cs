namespace Ingestion.Api.Model;

/// <summary>Windowed aggregates of one metric name; windows with no samples are omitted.</summary>
public sealed record AggregateResult(
    string Name,
    DateTimeOffset From,
    DateTimeOffset To,
    string Window,
    IReadOnlyList<string> Functions,
    IReadOnlyList<AggregateWindowView> Windows);

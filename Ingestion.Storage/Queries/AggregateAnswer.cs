namespace Ingestion.Storage.Queries;

/// <summary>The windows of an aggregate, and the resolution that computed them.</summary>
public sealed record AggregateAnswer(AggregateResolution Resolution, IReadOnlyList<AggregateWindow> Windows);

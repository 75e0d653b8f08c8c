using Ingestion.Storage.Queries;

namespace Ingestion.Api.Apis;

/// <summary>What the query handlers need, bundled for <c>[AsParameters]</c>.</summary>
public sealed class QueryServices(MetricQueries queries, TimeProvider clock, ILogger<QueryServices> logger)
{
    public MetricQueries Queries { get; } = queries;

    public TimeProvider Clock { get; } = clock;

    public ILogger<QueryServices> Logger { get; } = logger;
}

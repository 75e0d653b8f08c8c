using Npgsql;

namespace Ingestion.Storage.Writing;

/// <summary>What <see cref="MetricRowIsolation.WriteEachAsync"/> did: new rows, and the rows refused.</summary>
public sealed record RowIsolationResult(int Inserted, IReadOnlyList<RowRefusal> Refused);

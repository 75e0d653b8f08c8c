namespace Ingestion.Storage.Retention;

/// <summary>A partition whose whole range is older than its table's retention: it is detached and dropped whole.</summary>
/// <param name="Table">The partitioned table: <c>metrics</c>, <c>rollup_1m</c> or <c>rollup_1h</c>.</param>
/// <param name="Partition">The partition's own table name.</param>
/// <param name="From">Start of its range.</param>
/// <param name="To">End of its range (exclusive).</param>
/// <param name="EstimatedRows">The planner's row estimate (null before the partition was first analysed).</param>
public sealed record ExpiredPartition(string Table, string Partition, DateTimeOffset From, DateTimeOffset To, long? EstimatedRows);

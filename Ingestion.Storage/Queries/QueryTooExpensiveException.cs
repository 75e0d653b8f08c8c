namespace Ingestion.Storage.Queries;

/// <summary>A query would read more rows than <see cref="StorageOptions.MaxAggregateRows"/>; the message says how to narrow it.</summary>
public sealed class QueryTooExpensiveException(string message) : Exception(message);

namespace Ingestion.Storage.Queries;

/// <summary>One window's start and each requested function's value, in the order of <see cref="AggregateQuery.Functions"/>.</summary>
public sealed record AggregateWindow(DateTimeOffset Start, IReadOnlyList<double> Values);

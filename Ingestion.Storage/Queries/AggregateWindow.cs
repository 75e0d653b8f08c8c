namespace Ingestion.Storage.Queries;

/// <summary>
/// One window's start and each requested function's value, in the order of <see cref="AggregateQuery.Functions"/>.
/// A value is null when it does not fit a double: a sum (or the average from it) beyond ±1.8e308.
/// </summary>
public sealed record AggregateWindow(DateTimeOffset Start, IReadOnlyList<double?> Values);

namespace Ingestion.Tests.EndToEnd;

/// <summary>One row of <c>metrics</c> as the worker wrote it.</summary>
internal sealed record StoredMetric(Guid Id, string Name, double Value, DateTimeOffset Timestamp, IReadOnlyDictionary<string, string> Labels);

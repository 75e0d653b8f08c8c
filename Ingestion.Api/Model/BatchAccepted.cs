namespace Ingestion.Api.Model;

/// <summary>202 answer to a batch: Kafka acknowledged every metric; ids are in request order.</summary>
public sealed record BatchAccepted(string Status, int Count, IReadOnlyList<Guid> Ids);

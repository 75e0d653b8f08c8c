namespace Ingestion.Api.Model.Ops;

/// <summary>The dead-letter topic's depth and its newest records, newest first.</summary>
/// <param name="Topic">The dead-letter topic.</param>
/// <param name="Exists">False when the topic does not exist yet (nothing was ever dead-lettered there).</param>
/// <param name="Depth">Records held over all partitions.</param>
/// <param name="Items">The newest records, at most the requested limit.</param>
public sealed record DeadLetterPage(string Topic, bool Exists, long Depth, IReadOnlyList<DeadLetterView> Items);

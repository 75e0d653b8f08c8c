namespace Ingestion.Api.Model.Ops;

/// <summary>The pipeline at a glance: what <c>/dashboard</c> shows, for scripts too.</summary>
/// <param name="GeneratedAt">When the figures were read (a summary is reused for <c>Dashboard:CacheFor</c>).</param>
/// <param name="Api">This API instance's traffic and refusals.</param>
/// <param name="Workers">Each configured worker's health and figures, read from its <c>/health/ready</c> and <c>/metrics</c>.</param>
/// <param name="Lag">The workers' consumer group lag, read from Kafka.</param>
/// <param name="DeadLetters">The dead-letter topic's depth.</param>
/// <param name="Health">Kafka and PostgreSQL as this API sees them.</param>
public sealed record OpsSummary(
    DateTimeOffset GeneratedAt,
    ApiTrafficView Api,
    IReadOnlyList<WorkerView> Workers,
    ConsumerLagView Lag,
    DeadLetterDepthView DeadLetters,
    IReadOnlyList<ComponentHealthView> Health);

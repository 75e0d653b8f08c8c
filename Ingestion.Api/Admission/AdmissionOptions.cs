using Ingestion.Contracts;

namespace Ingestion.Api.Admission;

/// <summary>
/// Settings under <c>Api:Admission</c>: refuse ingestion (503 with <c>Retry-After</c>) while the consumers' unconsumed
/// backlog on any partition of the ingestion topic is near what the broker keeps. Off by default: Apache Kafka keeps days.
/// On the embedded development broker, which drops the oldest records of a partition past 5 MiB or 100,000 batches
/// whether or not they were consumed, <c>./ingest up</c> turns it on with a safety margin.
/// </summary>
public sealed class AdmissionOptions
{
    /// <summary>Whether ingestion requests are refused while the backlog is too deep.</summary>
    public bool Enabled { get; set; }

    /// <summary>The consumer group whose committed offsets count as consumed (the worker fleet's).</summary>
    public string GroupId { get; set; } = Topics.MetricsWorkerGroup;

    /// <summary>
    /// Unconsumed records on one partition (high watermark minus the group's committed offset) from which requests are
    /// refused; accepted again once every partition is below three quarters of it. Size it from what the broker keeps per
    /// partition divided by the stored (compressed) bytes of a record, minus what arrives in one <see cref="Interval"/>.
    /// </summary>
    public long MaxBacklogPerPartition { get; set; } = 50_000;

    /// <summary>How often the backlog is measured (in the background, never per request).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The <c>Retry-After</c> given to refused requests.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}

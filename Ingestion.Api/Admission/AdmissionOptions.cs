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

    /// <summary>
    /// Estimated stored bytes of the unconsumed records on one partition from which requests are refused (0: no byte limit);
    /// accepted again below three quarters of it. A broker that keeps a fixed number of bytes per partition (the embedded
    /// one: 5 MiB) holds far fewer large records than small ones, so a record count alone cannot keep it from dropping
    /// them. The estimate is the records times the average size of the records this API produced to the topic plus a
    /// record batch's header (as if each record were stored alone, uncompressed): an upper bound, so it refuses early, never late.
    /// </summary>
    public long MaxBacklogBytesPerPartition { get; set; }

    /// <summary>How often the backlog is measured (in the background, never per request).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The <c>Retry-After</c> given to refused requests.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}

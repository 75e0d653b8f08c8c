using Ingestion.Contracts;

namespace Ingestion.Consumers;

/// <summary>Worker settings, section <c>Worker</c>.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>The topic consumed.</summary>
    public string Topic { get; set; } = Topics.Metrics;

    /// <summary>The consumer group; every worker process of the fleet uses the same one.</summary>
    public string GroupId { get; set; } = Topics.MetricsWorkerGroup;

    /// <summary>Where unrecoverable records go.</summary>
    public string DeadLetterTopic { get; set; } = Topics.MetricsDeadLetter;

    /// <summary>
    /// Most metrics in one batch (one INSERT statement): the largest window the rider takes from a partition. A batch is
    /// whatever its partition has buffered up to this, after waiting at most <see cref="BatchTimeLimit"/> to fill.
    /// </summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>
    /// How long a batch smaller than <see cref="BatchSize"/> waits for more of its partition's metrics before it is written
    /// (at most 1 s; zero: never). At low rates fewer, fuller batches (each a transaction with fixed costs) for at most
    /// this much latency; at high rates batches are full and never wait. Zero by default: windows of several partitions that
    /// wait for a dispatch slot already go as one batch (the rider's combined windows), and at the end-to-end target's
    /// setup a 10 ms wait cost 13 ms of p99 (docs/benchmarks.md, "the embedded broker's fetch cost").
    /// </summary>
    public TimeSpan BatchTimeLimit { get; set; } = TimeSpan.Zero;

    /// <summary>Batches written at the same time (each holds one database connection): partitions dispatching at once.</summary>
    public int ConcurrentBatches { get; set; } = 2;

    /// <summary>
    /// Delays between redeliveries after a transient failure outlived the in-memory retries; the last repeats.
    /// Empty means 5 s, 30 s, 2 min (a default array here would be merged with, not replaced by, configured items).
    /// </summary>
    public TimeSpan[] RedeliveryDelays { get; set; } = [];

    /// <summary>The configured redelivery delays, or the defaults.</summary>
    public TimeSpan[] EffectiveRedeliveryDelays =>
        RedeliveryDelays.Length > 0 ? RedeliveryDelays : [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2)];

    /// <summary>How often the <c>consumer_stats</c> line is logged and lag is measured.</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Total lag above which a warning is logged.</summary>
    public long LagWarningThreshold { get; set; } = 10_000;

    /// <summary>How long a graceful stop may take (the host's shutdown timeout).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Oldest accepted metric timestamp (the topic's retention).</summary>
    public TimeSpan MaxMetricAge { get; set; } = MetricLimits.DefaultMaxAge;
}

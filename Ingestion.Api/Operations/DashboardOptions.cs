using Ingestion.Contracts;

namespace Ingestion.Api.Operations;

/// <summary>Settings under <c>Dashboard</c>: what the operations page and <c>/api/v1/ops</c> read, and from where.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// Base URLs of the workers (for example <c>http://127.0.0.1:8101</c>); their <c>/metrics</c> and <c>/health/ready</c>
    /// are read on demand. <c>./ingest up</c> sets one per worker it starts.
    /// </summary>
    public string[] Workers { get; set; } = [];

    /// <summary>The topic the workers consume (whose lag is shown).</summary>
    public string WorkerTopic { get; set; } = Topics.Metrics;

    /// <summary>The workers' consumer group.</summary>
    public string WorkerGroup { get; set; } = Topics.MetricsWorkerGroup;

    /// <summary>The dead-letter topic.</summary>
    public string DeadLetterTopic { get; set; } = Topics.MetricsDeadLetter;

    /// <summary>Total lag drawn as the warning line (keep it equal to the workers' <c>Worker:LagWarningThreshold</c>).</summary>
    public long LagWarningThreshold { get; set; } = 10_000;

    /// <summary>How long one summary is reused, so many open pages cost the broker and the workers one read.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one read of Kafka, PostgreSQL or a worker may take before that part is reported unavailable.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The span rates are averaged over (the oldest retained sample inside it is the reference).</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromSeconds(15);
}

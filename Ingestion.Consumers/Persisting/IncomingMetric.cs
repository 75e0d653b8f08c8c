using Ingestion.Contracts;

namespace Ingestion.Consumers.Persisting;

/// <summary>A consumed metric and where it came from (for its derived id and for error logs).</summary>
public readonly record struct IncomingMetric(MetricRecorded Metric, string Topic, int Partition, long Offset);

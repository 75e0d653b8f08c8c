namespace Ingestion.Api.Receivers.Otlp.Wire;

/// <summary>The messages of otlp_metrics.proto that requests are made of (responses are never read).</summary>
internal enum OtlpMessage
{
    None,
    ExportRequest,
    ResourceMetrics,
    Resource,
    ScopeMetrics,
    Scope,
    Metric,
    Gauge,
    Sum,
    Histogram,
    ExponentialHistogram,
    Summary,
    NumberDataPoint,
    HistogramDataPoint,
    ExponentialHistogramDataPoint,
    SummaryDataPoint,
    ValueAtQuantile,
    KeyValue,
    AnyValue,
    ArrayValue,
    KeyValueList,
}

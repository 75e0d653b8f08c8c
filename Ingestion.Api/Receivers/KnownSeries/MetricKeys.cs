using Ingestion.Contracts;

namespace Ingestion.Api.Receivers.KnownSeries;

/// <summary>The API producer's record key: <see cref="SeriesKey.For"/>, taken from a received series when it was worked out already.</summary>
internal static class MetricKeys
{
    public static string For(MetricRecorded metric) =>
        metric.Labels is SeriesLabels { IsSealed: true } series && string.Equals(series.Name, metric.Name, StringComparison.Ordinal)
            ? series.Key
            : SeriesKey.For(metric);
}

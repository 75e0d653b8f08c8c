using System.Text;

namespace Ingestion.Contracts;

/// <summary>
/// The Kafka message key of a metric: its series, name plus labels sorted by key (<c>cpu_usage{host=a,region=eu}</c>).
/// One series always lands in one partition, so its samples stay ordered.
/// </summary>
public static class SeriesKey
{
    /// <summary>Builds the series key of <paramref name="metric"/>.</summary>
    public static string For(MetricRecorded metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Labels is not { Count: > 0 } labels)
            return metric.Name;
        var builder = new StringBuilder(metric.Name.Length + labels.Count * 16).Append(metric.Name).Append('{');
        var first = true;
        foreach (var pair in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (!first) builder.Append(',');
            builder.Append(pair.Key).Append('=').Append(pair.Value);
            first = false;
        }
        return builder.Append('}').ToString();
    }
}

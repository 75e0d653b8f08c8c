using System.Buffers;

namespace Ingestion.Contracts;

/// <summary>
/// The Kafka message key of a metric: its series, name plus labels sorted by key (<c>cpu_usage{host=a,region=eu}</c>).
/// One series always lands in one partition, so its samples stay ordered.
/// </summary>
public static class SeriesKey
{
    private static readonly Comparer<KeyValuePair<string, string>> ByKey =
        Comparer<KeyValuePair<string, string>>.Create((a, b) => string.CompareOrdinal(a.Key, b.Key));

    /// <summary>Builds the series key of <paramref name="metric"/>.</summary>
    public static string For(MetricRecorded metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Labels is not { Count: > 0 } labels)
            return metric.Name;
        // Called for every record produced: sorted in a pooled array and written once into the string, no LINQ.
        var pairs = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(labels.Count);
        try
        {
            var count = 0;
            var length = metric.Name.Length + 1;
            foreach (var pair in labels)
            {
                pairs[count++] = pair;
                length += pair.Key.Length + 2 + (pair.Value?.Length ?? 0);
            }
            Array.Sort(pairs, 0, count, ByKey);
            return string.Create(length, (metric.Name, pairs, count), static (span, state) =>
            {
                state.Name.CopyTo(span);
                var at = state.Name.Length;
                span[at++] = '{';
                for (var i = 0; i < state.count; i++)
                {
                    if (i > 0)
                        span[at++] = ',';
                    var (key, value) = state.pairs[i];
                    key.CopyTo(span[at..]);
                    at += key.Length;
                    span[at++] = '=';
                    value?.CopyTo(span[at..]);
                    at += value?.Length ?? 0;
                }
                span[at] = '}';
            });
        }
        finally
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(pairs, clearArray: true);
        }
    }
}

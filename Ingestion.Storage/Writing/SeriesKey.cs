using Ingestion.Contracts;

namespace Ingestion.Storage.Writing;

/// <summary>
/// What <see cref="SeriesIds"/> remembers a series by: its name and its label pairs in the order the metric's dictionary
/// lists them, compared ordinally. Two metrics that list the same labels in another order get two keys for the one series
/// (the database tells them apart by canonical jsonb, so both keys find the same id); no two different series ever share a
/// key. A metric is looked up without building a key or serialising its labels (<see cref="SeriesKeyComparer"/>); a key
/// is built only for a series this process has not seen.
/// </summary>
internal sealed class SeriesKey
{
    private SeriesKey(string name, KeyValuePair<string, string>[] labels, int hash)
    {
        Name = name;
        Labels = labels;
        Hash = hash;
    }

    public string Name { get; }

    /// <summary>The label pairs, copied: the metric's own dictionary may change after it is written.</summary>
    public KeyValuePair<string, string>[] Labels { get; }

    public int Hash { get; }

    public static SeriesKey From(MetricRecorded metric)
    {
        var labels = metric.Labels is null or { Count: 0 } ? [] : metric.Labels.ToArray();
        return new SeriesKey(metric.Name, labels, HashOf(metric));
    }

    public static int HashOf(MetricRecorded metric)
    {
        var hash = new HashCode();
        hash.Add(metric.Name); // string's own hash is ordinal
        switch (metric.Labels)
        {
            case Dictionary<string, string> labels: // its enumerator is a struct: no allocation per metric
                foreach (var (key, value) in labels)
                    Add(ref hash, key, value);
                break;
            case { } labels:
                foreach (var (key, value) in labels)
                    Add(ref hash, key, value);
                break;
        }
        return hash.ToHashCode();
    }

    /// <summary>True when <paramref name="metric"/> has this name and these label pairs in this order.</summary>
    public bool Matches(MetricRecorded metric)
    {
        if (!string.Equals(Name, metric.Name, StringComparison.Ordinal) || Labels.Length != (metric.Labels?.Count ?? 0))
            return false;
        var i = 0;
        switch (metric.Labels)
        {
            case Dictionary<string, string> labels:
                foreach (var (key, value) in labels)
                {
                    if (!Same(Labels[i++], key, value))
                        return false;
                }
                break;
            case { } labels:
                foreach (var (key, value) in labels)
                {
                    if (i >= Labels.Length || !Same(Labels[i++], key, value))
                        return false;
                }
                break;
        }
        return true;
    }

    public bool Matches(SeriesKey other)
    {
        if (Hash != other.Hash || !string.Equals(Name, other.Name, StringComparison.Ordinal) || Labels.Length != other.Labels.Length)
            return false;
        for (var i = 0; i < Labels.Length; i++)
        {
            if (!Same(Labels[i], other.Labels[i].Key, other.Labels[i].Value))
                return false;
        }
        return true;
    }

    private static void Add(ref HashCode hash, string key, string value)
    {
        hash.Add(key);
        hash.Add(value);
    }

    private static bool Same(KeyValuePair<string, string> pair, string key, string value) =>
        string.Equals(pair.Key, key, StringComparison.Ordinal) && string.Equals(pair.Value, value, StringComparison.Ordinal);
}

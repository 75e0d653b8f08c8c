using Ingestion.Contracts;

namespace Ingestion.Storage.Writing;

/// <summary>Compares <see cref="SeriesKey"/>s, and a metric with a key (the alternate lookup that needs no key per metric).</summary>
internal sealed class SeriesKeyComparer : IEqualityComparer<SeriesKey>, IAlternateEqualityComparer<MetricRecorded, SeriesKey>
{
    public static readonly SeriesKeyComparer Instance = new();

    public bool Equals(SeriesKey? x, SeriesKey? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.Matches(y));

    public int GetHashCode(SeriesKey obj) => obj.Hash;

    public bool Equals(MetricRecorded alternate, SeriesKey other) => other.Matches(alternate);

    public int GetHashCode(MetricRecorded alternate) => SeriesKey.HashOf(alternate);

    public SeriesKey Create(MetricRecorded alternate) => SeriesKey.From(alternate);
}

using Ingestion.Contracts;

namespace Ingestion.Api.Receivers.KnownSeries;

/// <summary>
/// The labels of one received series, with what derives from the series alone worked out once when it is sealed: its
/// name, its Kafka key (<see cref="SeriesKey"/>) and the series part of its point ids (<see cref="PointIds.SeriesInput"/>).
/// Every sample of the series shares one instance, across requests too (<see cref="SeriesCache"/>), so nothing may change
/// it once sealed: the receivers build it, seal it, and from then on only read it (as the validator, the key and the
/// record's JSON do).
/// </summary>
internal sealed class SeriesLabels(int capacity) : Dictionary<string, string>(capacity, StringComparer.Ordinal)
{
    /// <summary>The metric name of the series (empty until sealed).</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>The series' Kafka key, <see cref="SeriesKey.For"/> of its name and labels (empty until sealed).</summary>
    public string Key { get; private set; } = string.Empty;

    /// <summary>The id input of the series without the point's time (empty until sealed).</summary>
    public byte[] IdInput { get; private set; } = [];

    public bool IsSealed => IdInput.Length > 0;

    /// <summary>Fixes the series' name and derives its key and id input; the labels must not change afterwards.</summary>
    public SeriesLabels Seal(string name)
    {
        Name = name;
        Key = SeriesKey.For(new MetricRecorded { Name = name, Labels = this });
        IdInput = PointIds.SeriesInput(name, this);
        return this;
    }
}

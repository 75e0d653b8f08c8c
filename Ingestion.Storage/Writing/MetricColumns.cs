using Ingestion.Contracts;

namespace Ingestion.Storage.Writing;

/// <summary>A batch as column arrays, the shape <c>unnest</c> takes (series ids come from <see cref="SeriesIds"/>).</summary>
internal sealed class MetricColumns
{
    private MetricColumns(int count)
    {
        Count = count;
        Ids = new Guid[count];
        Values = new double[count];
        Timestamps = new DateTime[count];
        Received = new DateTime[count];
    }

    public int Count { get; }

    public Guid[] Ids { get; }

    public double[] Values { get; }

    public DateTime[] Timestamps { get; }

    public DateTime[] Received { get; }

    /// <param name="metrics">The metrics, each with an id.</param>
    /// <param name="now">The write time, used when a metric carries no receipt time.</param>
    public static MetricColumns From(IReadOnlyList<MetricRecorded> metrics, DateTime now)
    {
        var columns = new MetricColumns(metrics.Count);
        for (var i = 0; i < metrics.Count; i++)
        {
            (columns.Ids[i], columns.Values[i], columns.Timestamps[i], columns.Received[i]) =
                MetricRowValues.From(metrics[i], now);
        }
        return columns;
    }
}

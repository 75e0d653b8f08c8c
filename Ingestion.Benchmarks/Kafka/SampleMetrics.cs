using Ingestion.Contracts;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>Small metrics as the API would produce them: 10 series (10 names, each on its own host).</summary>
internal static class SampleMetrics
{
    public static MetricRecorded[] Create(int start, int count) => Create(start, count, series: 10);

    /// <summary>
    /// The same metrics over <paramref name="series"/> series (a multiple of 10; the host label varies): records are keyed
    /// by series, so a topic's partitions fill evenly only when there are many more series than partitions.
    /// </summary>
    public static MetricRecorded[] Create(int start, int count, int series)
    {
        var now = DateTimeOffset.UtcNow;
        var metrics = new MetricRecorded[count];
        for (var i = 0; i < count; i++)
        {
            var n = start + i;
            metrics[i] = new MetricRecorded
            {
                Id = Guid.CreateVersion7(),
                Name = $"cpu_usage_{n % 10}",
                Value = n % 1000 / 10.0,
                Timestamp = now,
                ReceivedAt = now,
                Labels = new Dictionary<string, string> { ["host"] = $"server-{n % series:D2}", ["region"] = "eu-west" },
            };
        }
        return metrics;
    }
}

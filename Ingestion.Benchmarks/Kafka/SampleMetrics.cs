using Ingestion.Contracts;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>Small metrics as the API would produce them: 100 series over 10 hosts.</summary>
internal static class SampleMetrics
{
    public static MetricRecorded[] Create(int start, int count)
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
                Labels = new Dictionary<string, string> { ["host"] = $"server-{n % 10:D2}", ["region"] = "eu-west" },
            };
        }
        return metrics;
    }
}

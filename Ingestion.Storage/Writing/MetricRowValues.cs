using Ingestion.Contracts;

namespace Ingestion.Storage.Writing;

/// <summary>The column values of one metric (its series aside), with the defaults the contract documents.</summary>
internal readonly record struct MetricRowValues(Guid Id, double Value, DateTime Timestamp, DateTime ReceivedAt)
{
    /// <param name="metric">The metric; its id must be set.</param>
    /// <param name="now">The write time, used when the metric carries no receipt time.</param>
    public static MetricRowValues From(MetricRecorded metric, DateTime now)
    {
        var id = metric.Id ?? throw new ArgumentException($"Metric '{metric.Name}' has no id; derive one before writing.", nameof(metric));
        var received = metric.ReceivedAt?.UtcDateTime ?? now;
        // A missing timestamp means "the time of receipt" (see MetricRecorded.Timestamp).
        var timestamp = metric.Timestamp?.UtcDateTime ?? received;
        return new MetricRowValues(id, metric.Value, timestamp, received);
    }
}

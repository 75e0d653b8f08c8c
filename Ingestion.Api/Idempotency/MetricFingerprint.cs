using Ingestion.Api.Parsing;

namespace Ingestion.Api.Idempotency;

/// <summary>
/// A 64-bit fingerprint of a metric as the client sent it (before defaults: an absent timestamp stays absent, so a retry
/// that leaves it out matches). Label order and JSON spelling do not matter. In-process only: string hashes are seeded
/// per process, which is all <see cref="IdempotencyLedger"/> needs.
/// </summary>
internal static class MetricFingerprint
{
    public static ulong Of(MetricInput metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        int labelsLow = 0, labelsHigh = 0, count = 0;
        foreach (var (key, value) in metric.Labels ?? [])
        {
            // Summed, so the order of the labels does not change the result.
            labelsLow += HashCode.Combine(key, value);
            labelsHigh += HashCode.Combine(value, key, 0x2545F491);
            count++;
        }
        var timestamp = metric.Timestamp?.UtcTicks ?? -1;
        var low = HashCode.Combine(metric.Name, metric.Value, timestamp, labelsLow, count);
        var high = HashCode.Combine(0x5BD1E995, timestamp, metric.Value, metric.Name, labelsHigh);
        return ((ulong)(uint)high << 32) | (uint)low;
    }
}

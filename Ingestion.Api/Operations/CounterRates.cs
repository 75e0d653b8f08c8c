namespace Ingestion.Api.Operations;

/// <summary>
/// Per-second rates of cumulative counters, from readings taken whenever a summary is built (so nothing runs while nobody
/// looks). The reference is the oldest reading within the window; a counter that went down (a restarted process) starts over.
/// </summary>
public sealed class CounterRates(TimeProvider clock, TimeSpan window)
{
    private static readonly TimeSpan MinimumSpan = TimeSpan.FromMilliseconds(500);

    private readonly Dictionary<string, Queue<(long At, double Value)>> series = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Records <paramref name="total"/> for <paramref name="key"/> now; returns the rate, or null until a reference exists.</summary>
    public double? Observe(string key, double total)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = clock.GetTimestamp();
        lock (gate)
        {
            if (!series.TryGetValue(key, out var readings))
                series[key] = readings = new Queue<(long, double)>();
            if (readings.Count > 0 && total < readings.Last().Value)
                readings.Clear();
            readings.Enqueue((now, total));
            while (readings.Count > 1 && clock.GetElapsedTime(readings.Peek().At, now) > window)
                readings.Dequeue();
            var (at, value) = readings.Peek();
            var span = clock.GetElapsedTime(at, now);
            return span < MinimumSpan ? null : (total - value) / span.TotalSeconds;
        }
    }
}

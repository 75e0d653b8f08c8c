using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Ingestion.Benchmarks.Kafka;

/// <summary>Counts this process's garbage collections by generation and trigger (the runtime's GCStart events).</summary>
internal sealed class GcReasons : EventListener
{
    private static readonly string[] Reasons =
    [
        "alloc_small", "induced", "low_memory", "empty", "alloc_large", "oos_small", "oos_large", "induced_noforce",
        "stress", "low_memory_blocking", "induced_compacting", "low_memory_host", "pm_full", "low_memory_host_blocking",
    ];

    private readonly ConcurrentDictionary<string, int> counts = new();

    public void Reset() => counts.Clear();

    public override string ToString() =>
        counts.IsEmpty ? "none" : string.Join(",", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key}:{c.Value}"));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName is not { } name || !name.StartsWith("GCStart", StringComparison.Ordinal) || eventData.Payload is null)
            return;
        var depth = Convert.ToInt32(eventData.Payload[eventData.PayloadNames!.IndexOf("Depth")], System.Globalization.CultureInfo.InvariantCulture);
        var reason = Convert.ToInt32(eventData.Payload[eventData.PayloadNames!.IndexOf("Reason")], System.Globalization.CultureInfo.InvariantCulture);
        counts.AddOrUpdate($"gen{depth}/{(reason < Reasons.Length ? Reasons[reason] : reason.ToString(System.Globalization.CultureInfo.InvariantCulture))}", 1, (_, n) => n + 1);
    }
}

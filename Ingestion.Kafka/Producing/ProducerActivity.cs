using System.Diagnostics;
using Ingestion.Kafka.Diagnostics;

namespace Ingestion.Kafka.Producing;

/// <summary>
/// The producer span (activity source <c>Ingestion.Kafka</c>, kind Producer): one per <c>Produce</c> or <c>ProduceMany</c>
/// call, the parent of the <c>traceparent</c> header its records carry, so a consumer's span joins the caller's trace.
/// </summary>
internal static class ProducerActivity
{
    public static bool Enabled => KafkaMetrics.ActivitySource.HasListeners();

    public static Activity? Start(string topic, int count)
    {
        var activity = KafkaMetrics.ActivitySource.StartActivity($"{topic} publish", ActivityKind.Producer);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.system", "kafka");
            activity.SetTag("messaging.operation.type", "send");
            activity.SetTag("messaging.destination.name", topic);
            if (count != 1) activity.SetTag("messaging.batch.message_count", count);
        }
        return activity;
    }
}

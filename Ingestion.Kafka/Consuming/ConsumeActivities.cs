using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Diagnostics;
using Ingestion.Kafka.Producing;

namespace Ingestion.Kafka.Consuming;

/// <summary>The consumer spans of a topic endpoint: one per dispatched record, or one per window.</summary>
internal static class ConsumeActivities
{
    public static Activity? StartRecord(ConsumeResult<byte[]?, byte[]> record, string topic, string groupId)
    {
        if (!KafkaMetrics.ActivitySource.HasListeners()) return null;
        var activity = KafkaMetrics.ActivitySource.StartActivity($"{topic} process", ActivityKind.Consumer, TraceContext(record));
        Tag(activity, record, topic, groupId);
        return activity;
    }

    /// <summary>
    /// One consumer span per window: the child of its record's trace when the window holds one record (a quiet topic), else
    /// linked to every record's trace (OpenTelemetry's batch-processing convention). A window combined from several
    /// partitions carries no partition or offset tag (each linked record has its own).
    /// </summary>
    public static Activity? StartWindow(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, string topic, string groupId)
    {
        if (!KafkaMetrics.ActivitySource.HasListeners()) return null;
        ActivityContext parent = default;
        List<ActivityLink>? links = null;
        if (records.Count == 1)
        {
            parent = TraceContext(records[0]);
        }
        else
        {
            foreach (var record in records)
            {
                var context = TraceContext(record);
                if (context != default) (links ??= []).Add(new ActivityLink(context));
            }
        }
        var activity = KafkaMetrics.ActivitySource.StartActivity($"{topic} process", ActivityKind.Consumer, parent, links: links);
        if (activity is null) return null; // nobody listens: no tags, and no scan of the window for them
        Tag(activity, OnePartition(records) ? records[0] : null, topic, groupId);
        activity.SetTag("messaging.batch.message_count", records.Count);
        return activity;
    }

    private static bool OnePartition(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records)
    {
        var partition = records[0].Partition.Value;
        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Partition.Value != partition) return false;
        }
        return true;
    }

    private static ActivityContext TraceContext(ConsumeResult<byte[]?, byte[]> record)
    {
        var headers = record.Message.Headers;
        if (headers is null || !headers.TryGetLastBytes(KafkaHeaderNames.TraceParent, out var traceParent)) return default;
        var state = headers.TryGetLastBytes(KafkaHeaderNames.TraceState, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        return ActivityContext.TryParse(Encoding.ASCII.GetString(traceParent), state, isRemote: true, out var context) ? context : default;
    }

    private static void Tag(Activity? activity, ConsumeResult<byte[]?, byte[]>? record, string topic, string groupId)
    {
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.destination.name", topic);
        activity?.SetTag("messaging.consumer.group.name", groupId);
        if (record is null) return;
        activity?.SetTag("messaging.destination.partition.id", record.Partition.Value);
        activity?.SetTag("messaging.kafka.offset", record.Offset.Value);
    }
}

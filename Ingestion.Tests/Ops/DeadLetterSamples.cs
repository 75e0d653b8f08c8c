using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Kafka.DeadLettering;

namespace Ingestion.Tests.Ops;

/// <summary>
/// A dead-letter topic with five known records on two partitions, written the way the rider writes them (value JSON + headers):
/// 0:0 validation cpu_usage, 0:1 deserialization of bytes that are not UTF-8, 0:2 exhausted disk_io,
/// 1:0 validation cpu_usage already replayed 3 times, 1:1 validation mem_free replayed once.
/// </summary>
internal static class DeadLetterSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    public static readonly byte[] NotUtf8 = [0xFF, 0xFE, 0x7B, 0x00, 0xC3];

    public static async Task<string> CreateTopicAsync()
    {
        var topic = Support.TestInfrastructure.CreateTopic("ops-dlq", partitions: 2);
        await WriteAsync(topic, 0, Json("cpu_usage", 1.5, "0:10"), DeadLetterReasons.Validation, "Value: must be a finite number", 0, Start, "metrics-key-1");
        await WriteAsync(topic, 0, NotUtf8, DeadLetterReasons.Deserialization, "'0xFF' is an invalid start of a value", 0, Start.AddMinutes(1), null);
        await WriteAsync(topic, 0, Json("disk_io", 7, "0:12"), DeadLetterReasons.Exhausted, "relation \"metrics\" does not exist", 0, Start.AddMinutes(2), "metrics-key-3");
        await WriteAsync(topic, 1, Json("cpu_usage", 99, "1:4"), DeadLetterReasons.Validation, "Name: too long", 3, Start.AddMinutes(3), "metrics-key-4");
        await WriteAsync(topic, 1, Json("mem_free", 12, "1:5"), DeadLetterReasons.Validation, "Timestamp: too old", 1, Start.AddMinutes(4), "metrics-key-5");
        return topic;
    }

    public static byte[] Json(string name, double value, string tag) =>
        Encoding.UTF8.GetBytes($$$"""{"name":"{{{name}}}","value":{{{value.ToString(CultureInfo.InvariantCulture)}}},"labels":{"tag":"{{{tag}}}"}}""");

    public static async Task WriteAsync(string topic, int partition, byte[] original, string reason, string error, int replayCount,
        DateTimeOffset at, string? key)
    {
        JsonElement? parsed = null;
        try
        {
            using var document = JsonDocument.Parse(original);
            parsed = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Not JSON: the rider keeps only the base64.
        }
        var record = new DeadLetterRecord
        {
            OriginalMessage = parsed,
            OriginalMessageBase64 = Convert.ToBase64String(original),
            Error = error,
            ErrorType = "System.Exception",
            Reason = reason,
            DlqTimestamp = at,
            Partition = partition,
            Offset = 100 + (long)(at - Start).TotalMinutes,
            Attempts = 1,
            OriginalTopic = Topics.Metrics,
            OriginalKey = key,
            ConsumerGroup = Topics.MetricsWorkerGroup,
            MessageId = $"id-{key ?? "none"}",
            ReplayCount = replayCount,
        };
        var headers = new Headers
        {
            { DeadLetterHeaders.Reason, Encoding.UTF8.GetBytes(reason) },
            { DeadLetterHeaders.OriginalTopic, Encoding.UTF8.GetBytes(Topics.Metrics) },
            { DeadLetterHeaders.MessageId, Encoding.UTF8.GetBytes(record.MessageId) },
            { "content-type", Encoding.UTF8.GetBytes("application/json") },
        };
        await TestKafka.ProduceAsync(topic, partition, key is null ? null : Encoding.UTF8.GetBytes(key), JsonSerializer.SerializeToUtf8Bytes(record), headers);
    }
}

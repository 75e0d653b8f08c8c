using Confluent.Kafka;
using Ingestion.Api.Model.Ops;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.DeadLettering.Reading;
using Ingestion.Kafka.Lag;
using Ingestion.Kafka.Provisioning;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Operations;

/// <summary>
/// The Kafka side of the operations page: the workers' lag (<see cref="ConsumerGroupLagReader"/>, as <c>ingestion-ops lag</c>)
/// and the dead-letter topic's tail (<see cref="DeadLetterTailReader"/>). Neither joins a group nor commits.
/// </summary>
public sealed class KafkaOpsReader(IOptions<KafkaOptions> kafka, IOptions<DashboardOptions> options)
{
    private const int MaxErrorChars = 2_000;

    private readonly DashboardOptions settings = options.Value;
    private readonly ClientConfig client = KafkaClientConfigs.Admin(kafka.Value);

    public async Task<ConsumerLagView> ReadLagAsync(CancellationToken cancellationToken)
    {
        var reader = new ConsumerGroupLagReader(client) { RequestTimeout = settings.ReadTimeout };
        try
        {
            var lag = await reader.ReadAsync(settings.WorkerGroup, settings.WorkerTopic, cancellationToken);
            var partitions = lag.Partitions
                .Select(p => new PartitionLagView(p.Partition, p.Lag, p.CommittedOffset, p.LowWatermark, p.HighWatermark)).ToList();
            return new ConsumerLagView(settings.WorkerTopic, settings.WorkerGroup, lag.TotalLag, settings.LagWarningThreshold,
                lag.TotalLag > settings.LagWarningThreshold, lag.TotalTruncated, partitions, null);
        }
        catch (Exception exception) when (exception is KafkaException or TopicNotFoundException)
        {
            return new ConsumerLagView(settings.WorkerTopic, settings.WorkerGroup, null, settings.LagWarningThreshold, false, 0, [],
                $"Could not read the lag of group {settings.WorkerGroup} on {settings.WorkerTopic}: {exception.Message}");
        }
    }

    public async Task<DeadLetterDepthView> ReadDepthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var tail = await ReadTailAsync(0, cancellationToken);
            return new DeadLetterDepthView(settings.DeadLetterTopic, tail?.Depth ?? 0, null);
        }
        catch (KafkaException exception)
        {
            return new DeadLetterDepthView(settings.DeadLetterTopic, null, $"Could not read {settings.DeadLetterTopic}: {exception.Message}");
        }
    }

    /// <summary>The newest <paramref name="limit"/> records; throws <see cref="KafkaException"/> when Kafka cannot be read.</summary>
    public async Task<DeadLetterPage> ReadDeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        var tail = await ReadTailAsync(limit, cancellationToken);
        if (tail is null)
            return new DeadLetterPage(settings.DeadLetterTopic, false, 0, []);
        // The command names the topic only when it is not the tool's default.
        var topicOption = tail.Topic == Topics.MetricsDeadLetter ? "" : $" --dlq-topic {tail.Topic}";
        return new DeadLetterPage(tail.Topic, true, tail.Depth, tail.Latest.Select(entry => View(entry, topicOption)).ToList());
    }

    private async Task<DeadLetterTail?> ReadTailAsync(int limit, CancellationToken cancellationToken)
    {
        try
        {
            return await new DeadLetterTailReader(client) { RequestTimeout = settings.ReadTimeout }
                .ReadAsync(settings.DeadLetterTopic, limit, cancellationToken);
        }
        catch (TopicNotFoundException)
        {
            return null;
        }
    }

    private static DeadLetterView View(DeadLetterTailEntry entry, string topicOption)
    {
        var record = entry.Record;
        var error = record?.Error ?? entry.ReadError;
        if (error is { Length: > MaxErrorChars })
            error = string.Concat(error.AsSpan(0, MaxErrorChars - 1), "…");
        return new DeadLetterView(entry.Partition, entry.Offset, entry.DeadLetteredAt, record?.Reason, error, record?.ErrorType,
            MetricName(record), record?.OriginalTopic, record?.Partition, record?.Offset, record?.Attempts,
            $"ingestion-ops dlq show {entry.Partition}:{entry.Offset}{topicOption}");
    }

    private static string? MetricName(Ingestion.Kafka.DeadLettering.DeadLetterRecord? record) =>
        record?.OriginalMessage is { ValueKind: System.Text.Json.JsonValueKind.Object } message
        && message.TryGetProperty("name", out var name) && name.ValueKind == System.Text.Json.JsonValueKind.String
            ? name.GetString()
            : null;
}

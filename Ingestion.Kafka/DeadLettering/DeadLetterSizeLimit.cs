using System.Collections.Concurrent;
using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Ingestion.Kafka.Configuration;
using Ingestion.Kafka.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ingestion.Kafka.DeadLettering;

/// <summary>
/// The largest dead-letter record the broker will take: the smaller of the producer's <c>message.max.bytes</c>
/// (librdkafka refuses anything larger before sending; default 1,000,000, set with <c>Kafka:Client:message.max.bytes</c>)
/// and the dead-letter topic's <c>max.message.bytes</c>, read once with DescribeConfigs. A broker that does not answer
/// DescribeConfigs (the embedded broker, or an ACL without DescribeConfigs) leaves the producer's limit alone in force;
/// should the broker still refuse a record as too large, the dead-letter producer falls back to a minimal record.
/// </summary>
public sealed class DeadLetterSizeLimit
{
    /// <summary>librdkafka's default <c>message.max.bytes</c>.</summary>
    public const int LibrdkafkaDefault = 1_000_000;

    private static readonly TimeSpan DescribeTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<string, Task<int?>> topicLimit;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, Task<int>> resolved = new(StringComparer.Ordinal);

    internal DeadLetterSizeLimit(int producerLimit, Func<string, Task<int?>> topicLimit, ILogger? logger = null)
    {
        ProducerLimit = producerLimit;
        this.topicLimit = topicLimit;
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The producer's own limit (<c>message.max.bytes</c>).</summary>
    public int ProducerLimit { get; }

    /// <summary>A limit that is known up front (no broker look-up); for tests and tools.</summary>
    public static DeadLetterSizeLimit Fixed(int maxMessageBytes) => new(maxMessageBytes, _ => Task.FromResult<int?>(null));

    /// <summary>The producer's limit from <paramref name="options"/>, and the topic's as the broker describes it.</summary>
    public static DeadLetterSizeLimit For(KafkaOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var producerLimit = options.Client.TryGetValue("message.max.bytes", out var text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var configured) ? configured : LibrdkafkaDefault;
        return new DeadLetterSizeLimit(producerLimit, topic => DescribeTopicLimit(options, topic), logger);
    }

    /// <summary>The limit in bytes for <paramref name="topic"/> (the broker is asked once per topic, on first use).</summary>
    public Task<int> GetAsync(string topic) => resolved.GetOrAdd(topic, ResolveAsync);

    private async Task<int> ResolveAsync(string name)
    {
        int? topic = null;
        try
        {
            topic = await topicLimit(name).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is KafkaException or TimeoutException or OperationCanceledException)
        {
            logger.LogInformation("The max.message.bytes of dead-letter topic {Topic} could not be read ({Reason}); records are kept within the producer's message.max.bytes, {Limit} bytes",
                name, exception.Message, ProducerLimit);
        }
        return topic is { } value && value < ProducerLimit ? value : ProducerLimit;
    }

    private static async Task<int?> DescribeTopicLimit(KafkaOptions options, string topic)
    {
        KafkaNativeLibrary.EnsureLoaded();
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(options)).SetLogHandler((_, _) => { }).Build();
        var described = admin.DescribeConfigsAsync([new ConfigResource { Type = ResourceType.Topic, Name = topic }],
            new DescribeConfigsOptions { RequestTimeout = DescribeTimeout });
        var results = await described.WaitAsync(DescribeTimeout + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        return results.Count > 0 && results[0].Entries.TryGetValue("max.message.bytes", out var entry)
            && int.TryParse(entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) ? limit : null;
    }
}

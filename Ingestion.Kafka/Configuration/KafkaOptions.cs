using System.ComponentModel.DataAnnotations;

namespace Ingestion.Kafka.Configuration;

/// <summary>
/// Connection and producer settings, bound from the <c>Kafka</c> configuration section
/// (<c>Kafka:BootstrapServers</c>, <c>Kafka:Client:&lt;librdkafka.property&gt;</c>, ...).
/// </summary>
public sealed class KafkaOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Kafka";

    /// <summary>Comma-separated <c>host:port</c> list.</summary>
    [Required]
    public string BootstrapServers { get; set; } = "localhost:9092";

    /// <summary>
    /// Any librdkafka setting (for example <c>security.protocol</c>, <c>sasl.mechanism</c>, <c>client.id</c>), passed to every
    /// producer, consumer and admin client. Applied after our defaults, so it can override them.
    /// </summary>
    public Dictionary<string, string> Client { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long a produce may wait for the broker's acknowledgement (librdkafka's <c>message.timeout.ms</c>).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the producer waits to fill a batch (<c>linger.ms</c>): fewer, larger batches.</summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Producer compression (<c>none</c>, <c>gzip</c>, <c>snappy</c>, <c>lz4</c>, <c>zstd</c>).</summary>
    public string Compression { get; set; } = "lz4";

    /// <summary>The circuit breaker opens when at least this share of produces failed in the sampling window.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The fewest produces in the sampling window before the breaker may open.</summary>
    [Range(2, int.MaxValue)]
    public int BreakerMinimumThroughput { get; set; } = 2;

    /// <summary>The breaker's sampling window.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the breaker stays open before it lets a trial produce through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A copy, so a rider can change its host without touching the bound options.</summary>
    public KafkaOptions Clone()
    {
        var copy = (KafkaOptions)MemberwiseClone();
        copy.Client = new Dictionary<string, string>(Client, StringComparer.Ordinal);
        return copy;
    }
}

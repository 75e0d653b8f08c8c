using Confluent.Kafka;

namespace Ingestion.Kafka.Configuration;

/// <summary>
/// Builds Confluent client configs from <see cref="KafkaOptions"/>: our defaults first, then the <c>Kafka:Client</c>
/// pass-through settings (which win). The rider, the worker's lag monitor and <c>ingestion-ops</c> all connect through it,
/// so one configuration section reaches every client. A setting of one kind of client (a consumer's
/// <c>session.timeout.ms</c>, a producer's <c>linger.ms</c>, <c>dotnet.consumer.*</c>, <c>dotnet.producer.*</c>) reaches only
/// that kind (<see cref="ClientKindKeys"/>; admin clients take common and producer settings, as librdkafka builds them as
/// producers), so no client logs that it ignores one (CONFWARN).
/// </summary>
public static class KafkaClientConfigs
{
    /// <summary>An idempotent producer (acks=all) with the options' delivery timeout, linger and compression.</summary>
    public static ProducerConfig Producer(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = options.Linger.TotalMilliseconds,
            MessageTimeoutMs = (int)options.DeliveryTimeout.TotalMilliseconds,
            // A produce must fail within the delivery timeout, so the request timeout may not exceed it.
            RequestTimeoutMs = (int)Math.Min(options.DeliveryTimeout.TotalMilliseconds, 30_000),
            QueueBufferingMaxMessages = 1_000_000,
            BatchSize = 1_000_000,
            SocketNagleDisable = true,
            // Delivery reports carry only the status and position: copying keys, values and headers back costs throughput.
            DeliveryReportFields = "status",
        };
        config.Set("compression.type", options.Compression);
        return Apply(config, options);
    }

    /// <summary>A consumer in <paramref name="groupId"/> with manual commits, starting from the earliest offset.</summary>
    public static ConsumerConfig Consumer(KafkaOptions options, string groupId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 10_000,
            HeartbeatIntervalMs = 1_000,
            SocketNagleDisable = true,
            // The topic string is not copied per record (the endpoint knows its topic).
            ConsumeResultFields = "headers,timestamp",
            // How long a fetch may wait for new records. Kafka answers as soon as records arrive, so this only bounds idle
            // fetches; the embedded broker answers a fetch that found nothing only when it expires, so it is the latency
            // floor there (end-to-end p99 at 5,000 metrics/s, 3 partitions: 839 ms with librdkafka's 500, 62-66 with 50,
            // 34 with 20, for 10 µs more worker CPU per metric; docs/benchmarks.md).
            FetchWaitMaxMs = 20,
            // How long librdkafka postpones the next fetch of a partition whose prefetch queue is full (default 1 s). The rider
            // drains that queue in bursts; with 1 s a drained partition sat idle, and one worker with 2 MB of prefetch per
            // partition reached 14,000 metrics/s instead of 55,000 (docs/benchmarks/worker.md).
            FetchQueueBackoffMs = 20,
        };
        return Apply(config, options);
    }

    /// <summary>The connection alone (bootstrap servers and pass-through settings): for admin clients and lag readers.</summary>
    public static AdminClientConfig Admin(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Apply(new AdminClientConfig { BootstrapServers = options.BootstrapServers }, options);
    }

    private static T Apply<T>(T config, KafkaOptions options)
        where T : ClientConfig
    {
        foreach (var (key, value) in options.Client)
        {
            // dotnet.producer.* / dotnet.consumer.* configure Confluent's .NET wrappers; librdkafka rejects them elsewhere.
            if (key.StartsWith("dotnet.producer.", StringComparison.Ordinal) && config is not ProducerConfig) continue;
            if (key.StartsWith("dotnet.consumer.", StringComparison.Ordinal) && config is not ConsumerConfig) continue;
            // librdkafka ignores (and warns about) a consumer's setting on a producer or admin client, and the reverse.
            if (config is not ConsumerConfig && ClientKindKeys.ConsumerOnly.Contains(key)) continue;
            if (config is ConsumerConfig && ClientKindKeys.ProducerOnly.Contains(key)) continue;
            config.Set(key, value);
        }
        return config;
    }
}

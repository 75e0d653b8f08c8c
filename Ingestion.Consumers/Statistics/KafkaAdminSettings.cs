using Confluent.Kafka;

namespace Ingestion.Consumers.Statistics;

/// <summary>Client configs for the lag monitor, from <c>Kafka:BootstrapServers</c> and the <c>Kafka:Client:*</c> pass-through.</summary>
internal sealed class KafkaAdminSettings(IConfiguration configuration)
{
    public AdminClientConfig Admin() => Apply(new AdminClientConfig());

    /// <summary>A consumer that only reads the group's committed offsets: it never subscribes, so it never joins the group.</summary>
    public ConsumerConfig OffsetReader(string groupId) => Apply(new ConsumerConfig { GroupId = groupId, EnableAutoCommit = false });

    private T Apply<T>(T config)
        where T : ClientConfig
    {
        config.BootstrapServers = configuration["Kafka:BootstrapServers"] ?? "localhost:9092";
        foreach (var setting in configuration.GetSection("Kafka:Client").GetChildren())
            config.Set(setting.Key, setting.Value);
        return config;
    }
}

using Confluent.Kafka;

namespace Ingestion.Consumers.Statistics;

/// <summary>Connection settings for the lag monitor, from <c>Kafka:BootstrapServers</c> and the <c>Kafka:Client:*</c> pass-through.</summary>
internal sealed class KafkaAdminSettings(IConfiguration configuration)
{
    public ClientConfig Connection()
    {
        var config = new ClientConfig { BootstrapServers = configuration["Kafka:BootstrapServers"] ?? "localhost:9092" };
        foreach (var setting in configuration.GetSection("Kafka:Client").GetChildren())
        {
            // dotnet.* settings configure Confluent's .NET producer or consumer wrappers; librdkafka rejects them here.
            if (setting.Value is not null && !setting.Key.StartsWith("dotnet.", StringComparison.Ordinal))
                config.Set(setting.Key, setting.Value);
        }
        return config;
    }
}

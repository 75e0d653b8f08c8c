using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Kafka.Configuration;
using Microsoft.Extensions.Configuration;

namespace Ingestion.Ops.Configuration;

/// <summary>The settings every command reads: the services' names (Kafka:*, ConnectionStrings:Metrics) plus the tool's Ops:*.</summary>
internal sealed record OpsSettings
{
    public string? BootstrapServers { get; init; }
    public IReadOnlyDictionary<string, string> KafkaClient { get; init; } = new Dictionary<string, string>();
    public string? ConnectionString { get; init; }
    public string MetricsTopic { get; init; } = Topics.Metrics;
    public string DeadLetterTopic { get; init; } = Topics.MetricsDeadLetter;
    public string ReplayGroup { get; init; } = Topics.DeadLetterReplayGroup;
    public int MaxReplayCount { get; init; } = 3;

    public static OpsSettings From(IConfiguration configuration) => new()
    {
        BootstrapServers = NullIfBlank(configuration["Kafka:BootstrapServers"]),
        KafkaClient = configuration.GetSection("Kafka:Client").GetChildren()
            .Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key, setting => setting.Value!),
        ConnectionString = NullIfBlank(configuration.GetConnectionString("Metrics")),
        MetricsTopic = NullIfBlank(configuration["Ops:MetricsTopic"]) ?? Topics.Metrics,
        DeadLetterTopic = NullIfBlank(configuration["Ops:DeadLetterTopic"]) ?? Topics.MetricsDeadLetter,
        ReplayGroup = NullIfBlank(configuration["Ops:ReplayGroup"]) ?? Topics.DeadLetterReplayGroup,
        MaxReplayCount = configuration.GetValue("Ops:MaxReplayCount", 3),
    };

    /// <summary>The Confluent client settings (Kafka:Client:* pass through), or a clear error when no broker is configured.</summary>
    public ClientConfig KafkaClientConfig()
    {
        if (BootstrapServers is null)
            throw new OpsException("No Kafka bootstrap servers are configured: pass --bootstrap-servers, set Kafka__BootstrapServers, or run through ./ingest ops.");
        // The same builder as the services: Confluent's .NET wrapper settings (dotnet.*) stay out, librdkafka refuses them here.
        return KafkaClientConfigs.Admin(new KafkaOptions { BootstrapServers = BootstrapServers, Client = new Dictionary<string, string>(KafkaClient) });
    }

    public string RequireConnectionString() => ConnectionString
        ?? throw new OpsException("No PostgreSQL connection string is configured: pass --connection-string, set ConnectionStrings__Metrics, or run through ./ingest ops.");

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

using Confluent.Kafka;
using Ingestion.Api.Options;
using Ingestion.Kafka.Native;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ingestion.Api.Health;

/// <summary>Ready only while a broker returns metadata for the ingestion topic within a short timeout.</summary>
public sealed class KafkaHealthCheck(IConfiguration configuration, IOptions<ApiOptions> options) : IHealthCheck, IDisposable
{
    private readonly Lazy<IAdminClient> admin = new(() => CreateAdminClient(configuration));

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var topic = options.Value.Topic;
        try
        {
            // GetMetadata blocks; keep it off the request thread and bounded.
            var metadata = await Task.Run(() => admin.Value.GetMetadata(topic, TimeSpan.FromSeconds(3)), cancellationToken);
            var partitions = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
            if (partitions is null || partitions.Error.IsError || partitions.Partitions.Count == 0)
                return new HealthCheckResult(context.Registration.FailureStatus, $"Topic '{topic}' is not available: {partitions?.Error.Reason ?? "no metadata"}.");
            return HealthCheckResult.Healthy($"Topic '{topic}' has {partitions.Partitions.Count} partitions.");
        }
        catch (Exception exception) when (exception is KafkaException or OperationCanceledException or ArgumentException or InvalidOperationException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "No Kafka broker answered.", exception);
        }
    }

    public void Dispose()
    {
        if (admin.IsValueCreated)
            admin.Value.Dispose();
    }

    private static IAdminClient CreateAdminClient(IConfiguration configuration)
    {
        KafkaNativeLibrary.EnsureLoaded();
        var settings = configuration.GetSection("Kafka:Client").AsEnumerable(makePathsRelative: true)
            // dotnet.* keys configure Confluent's .NET producer and are unknown to an admin client.
            .Where(pair => pair.Value is not null && !pair.Key.StartsWith("dotnet.", StringComparison.Ordinal))
            .ToDictionary(pair => pair.Key, pair => pair.Value!);
        settings["bootstrap.servers"] = configuration["Kafka:BootstrapServers"] ?? "localhost:9092";
        settings["client.id"] = "ingestion-api-health";
        return new AdminClientBuilder(settings).Build();
    }
}

extern alias api;

using Ingestion.Kafka.Embedded;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Text.Json;
using Ingestion.Contracts;
using Ingestion.Storage;
using Ingestion.Storage.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ingestion.Tests.Support;

/// <summary>
/// The real API host on a fresh database (migrated on start by the storage migrator) and a unique topic on the embedded
/// broker (or on a private broker a test may take down). Settings go in as configuration, exactly as in production.
/// </summary>
public sealed class ApiApplicationFactory : WebApplicationFactory<api::Program>
{
    private readonly Dictionary<string, string?> settings;

    private ApiApplicationFactory(string topic, string connectionString, string bootstrapServers, Dictionary<string, string?> settings)
    {
        Topic = topic;
        ConnectionString = connectionString;
        BootstrapServers = bootstrapServers;
        this.settings = settings;
    }

    public string Topic { get; }

    public string ConnectionString { get; }

    public string BootstrapServers { get; }

    /// <summary>Where a Kestrel-hosted factory listens (started with <c>kestrel: true</c>).</summary>
    public Uri Address =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>
    /// Starts the host (in memory, or on Kestrel when <paramref name="kestrel"/>). Rate limiting is off unless
    /// <paramref name="overrides"/> turns it on.
    /// </summary>
    public static async Task<ApiApplicationFactory> StartAsync(
        string prefix,
        IReadOnlyDictionary<string, string?>? overrides = null,
        EmbeddedKafkaBroker? broker = null,
        string? connectionString = null,
        bool kestrel = false)
    {
        string topic;
        if (broker is null)
        {
            topic = TestInfrastructure.CreateTopic(prefix, partitions: 1);
        }
        else
        {
            topic = $"{prefix}-{Guid.NewGuid():N}";
            broker.CreateTopic(topic, 1);
        }
        var migrate = connectionString is null;
        connectionString ??= await TestInfrastructure.CreateDatabaseAsync(prefix);
        var bootstrap = (broker ?? TestInfrastructure.Kafka).BootstrapServers;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Metrics"] = connectionString,
            ["Kafka:BootstrapServers"] = bootstrap,
            ["Api:Topic"] = topic,
            ["Api:RateLimit:Enabled"] = "false",
            ["Storage:MigrateOnStart"] = migrate ? "true" : "false",
            ["Storage:StartupRetryAttempts"] = "2",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;

        var factory = new ApiApplicationFactory(topic, connectionString, bootstrap, settings);
        if (kestrel)
        {
            // A real socket on a free loopback port, for clients outside the process (a browser).
            factory.UseKestrel(0);
            factory.StartServer();
        }
        else
        {
            _ = factory.Server; // boots the host now, so a start-up failure fails the fixture and not the first test
        }
        await Task.CompletedTask;
        return factory;
    }

    /// <summary>
    /// Stores rows through the storage writer (raw rows and their rollups), for query tests that must not depend on the worker.
    /// </summary>
    public async Task InsertAsync(IEnumerable<(Guid Id, string Name, double Value, DateTimeOffset Timestamp, string LabelsJson)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var metrics = rows.Select(row => new MetricRecorded
        {
            Id = row.Id,
            Name = row.Name,
            Value = row.Value,
            Timestamp = row.Timestamp,
            ReceivedAt = row.Timestamp,
            Labels = JsonSerializer.Deserialize<Dictionary<string, string>>(row.LabelsJson),
        }).ToList();
        var options = new DbContextOptionsBuilder<MetricsDbContext>().UseNpgsql(ConnectionString).Options;
        var writer = new MetricWriter(new PooledDbContextFactory<MetricsDbContext>(options));
        await writer.WriteAsync(metrics, CancellationToken.None);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }
}

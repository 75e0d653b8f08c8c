using Ingestion.Storage;
using Ingestion.Storage.Extensions;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Storage;

/// <summary>The storage services as a host registers them, on one test database.</summary>
internal static class StorageServices
{
    public static ServiceProvider For(string connectionString, int startupRetryAttempts = 2)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Metrics"] = connectionString,
                ["Storage:StartupRetryAttempts"] = startupRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Storage:StartupMaxRetryDelay"] = "00:00:00.200",
            })
            .Build();
        return new ServiceCollection().AddLogging().AddIngestionStorage(configuration).AddStorageRetention(runInBackground: false).BuildServiceProvider();
    }

    /// <summary>A writer of its own (its own context pool) on <paramref name="connectionString"/>, seeing its commands through <paramref name="interceptors"/>.</summary>
    public static MetricWriter Writer(string connectionString, params IInterceptor[] interceptors) =>
        new(new PooledDbContextFactory<MetricsDbContext>(
            new DbContextOptionsBuilder<MetricsDbContext>().UseNpgsql(connectionString).AddInterceptors(interceptors).Options));

    /// <summary>A new test database with every migration applied; returns its connection string.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string prefix)
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync(prefix);
        await using var services = For(connectionString);
        await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return connectionString;
    }
}

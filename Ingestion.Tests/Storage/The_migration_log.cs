using Ingestion.Storage.Extensions;
using Ingestion.Storage.Migrating;
using Ingestion.Tests.Support;
using Ingestion.Tests.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ingestion.Tests.Storage;

/// <summary>An operator reading a start-up log must not see errors where nothing went wrong.</summary>
public sealed class The_migration_log
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task Holds_no_warning_or_error_when_migrating_a_new_database(bool databaseExists)
    {
        var existing = await TestInfrastructure.CreateDatabaseAsync("migration_log");
        var connectionString = databaseExists
            ? existing
            : new NpgsqlConnectionStringBuilder(existing) { Database = $"never_created_{Guid.NewGuid():N}" }.ConnectionString;
        var logs = new CapturedLogs();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Metrics"] = connectionString })
            .Build();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs))
            .AddIngestionStorage(configuration)
            .BuildServiceProvider();

        var applied = await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.That(applied, Has.Count.EqualTo(4));
        Assert.That(logs.Entries.Where(e => e.Level >= LogLevel.Warning).Select(e => $"{e.Category}: {e.Text}"), Is.Empty);
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Ingestion.Storage.Migrating;

/// <summary>
/// Applies migrations before any other hosted service starts (the bus included) when <c>Storage:MigrateOnStart</c> is true.
/// A failure stops the host with the migrator's message.
/// </summary>
internal sealed class MigrateOnStartService(MetricsDatabaseMigrator migrator, IOptions<StorageOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        options.Value.MigrateOnStart ? migrator.MigrateAsync(cancellationToken) : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

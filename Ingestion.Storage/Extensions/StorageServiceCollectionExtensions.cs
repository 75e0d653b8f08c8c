using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ingestion.Storage.Extensions;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The diagnostics name of the metrics data source: the pool name in Npgsql's metrics, instead of the connection string.</summary>
    public const string DataSourceName = "ingestion-metrics";

    /// <summary>Statements Npgsql keeps prepared per connection unless the connection string says otherwise.</summary>
    public const int AutoPreparedStatements = 16;

    /// <summary>Registers storage from the builder's configuration; see <see cref="AddIngestionStorage(IServiceCollection, IConfiguration)"/>.</summary>
    public static IHostApplicationBuilder AddIngestionStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddIngestionStorage(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Registers a pooled <see cref="MetricsDbContext"/> factory on <c>ConnectionStrings:Metrics</c> (plus a scoped context),
    /// <see cref="MetricWriter"/>, <see cref="MetricsDatabaseMigrator"/> and the migrate-on-start hosted service.
    /// </summary>
    /// <remarks>
    /// EF Core's retrying execution strategy is deliberately off. The writer runs inside a Kafka consume pipeline whose
    /// retry and partition-pausing redelivery already handle transient errors; retrying again inside the statement would
    /// multiply the delays, hold the batch (and the partition) invisibly, and hide an outage from the rider's backoff and
    /// metrics. Queries fail fast too, which is what the API wants (503 while PostgreSQL is down).
    /// </remarks>
    public static IServiceCollection AddIngestionStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate(o => o.StartupRetryAttempts >= 0 && o.CommandTimeoutSeconds > 0, "Storage:StartupRetryAttempts must be >= 0 and Storage:CommandTimeoutSeconds > 0.")
            .Validate(o => o.IdempotencyWindow >= TimeSpan.Zero && o.QueryTimeout > TimeSpan.Zero && o.QueryMaxConnections > 0 && o.MaxAggregateRows > 0,
                "Storage:IdempotencyWindow must not be negative; Storage:QueryTimeout, QueryMaxConnections and MaxAggregateRows must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>>(new StorageOptionsValidator(configuration));

        services.AddPooledDbContextFactory<MetricsDbContext>((provider, options) =>
        {
            var connectionString = configuration.GetConnectionString("Metrics");
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("ConnectionStrings:Metrics is not set (environment variable ConnectionStrings__Metrics).");
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            options.UseNpgsql(connectionString, npgsql => npgsql
                // Npgsql names its pool (the metrics' pool-name tag, its logs) after the connection string unless told otherwise.
                .ConfigureDataSource(dataSource =>
                {
                    dataSource.Name = DataSourceName;
                    // Statements run five times on a connection are prepared there: the writer's insert then skips parsing
                    // and planning (about 7% of PostgreSQL's CPU per row, docs/benchmarks.md "Writer"). A connection string
                    // that sets Max Auto Prepare itself wins.
                    if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
                        dataSource.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
                })
                .ExecutionStrategy(dependencies => new NonRetryingExecutionStrategy(dependencies))
                .CommandTimeout(storage.CommandTimeoutSeconds));
            // One log line per batch statement is too loud for the hot path; keep it at Debug.
            options.ConfigureWarnings(w => w.Log((RelationalEventId.CommandExecuted, LogLevel.Debug)));
        });
        services.AddScoped(provider => provider.GetRequiredService<IDbContextFactory<MetricsDbContext>>().CreateDbContext());
        services.AddSingleton<MetricWriter>();
        services.AddSingleton<PostgresAvailability>();
        services.AddSingleton<MetricsDatabaseMigrator>();
        services.AddHostedService<MigrateOnStartService>();
        return services;
    }
}

using Ingestion.Storage.Queries;
using Ingestion.Storage.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ingestion.Storage.Extensions;

/// <summary>The query side (API) and the retention job (worker), each on top of <see cref="StorageServiceCollectionExtensions.AddIngestionStorage(IServiceCollection, IConfiguration)"/>.</summary>
public static class StorageMaintenanceExtensions
{
    /// <summary>Registers the queries' own bounded pool (<see cref="QueryDataSource"/>), <see cref="MetricQueries"/> and <see cref="SeriesQueries"/>.</summary>
    public static IServiceCollection AddIngestionQueries(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(provider => new QueryDataSource(
            configuration.GetConnectionString("Metrics")
                ?? throw new InvalidOperationException("ConnectionStrings:Metrics is not set; the API needs it for queries."),
            provider.GetRequiredService<IOptions<StorageOptions>>()));
        services.TryAddSingleton<MetricQueries>();
        services.TryAddSingleton<SeriesQueries>();
        return services;
    }

    /// <summary>Registers <see cref="RetentionJob"/>; with <paramref name="runInBackground"/>, also the service that runs it periodically.</summary>
    public static IServiceCollection AddStorageRetention(this IServiceCollection services, bool runInBackground)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RetentionJob>();
        if (runInBackground)
            services.AddHostedService<RetentionService>();
        return services;
    }
}

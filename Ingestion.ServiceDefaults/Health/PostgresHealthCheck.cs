using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Ingestion.ServiceDefaults.Health;

/// <summary>
/// Ready only while PostgreSQL answers a trivial query within 3 s on the shared data source (the API's and the worker's one
/// check). A service keeps running when it fails: the worker redelivers, the API answers queries with 503.
/// </summary>
public sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public const string Name = "postgresql";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("PostgreSQL answered.");
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL did not answer.", exception);
        }
    }
}

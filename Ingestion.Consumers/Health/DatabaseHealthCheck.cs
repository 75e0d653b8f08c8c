using Ingestion.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ingestion.Consumers.Health;

/// <summary>Ready only while PostgreSQL answers; the worker keeps running (and redelivering) when it does not.</summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<MetricsDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var database = await contexts.CreateDbContextAsync(cancellationToken);
        return await database.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("PostgreSQL answers.")
            : HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
    }
}

using Ingestion.Storage.Model;
using Microsoft.EntityFrameworkCore;

namespace Ingestion.Storage;

/// <summary>The metrics database. A single options constructor so it can be pooled.</summary>
/// <remarks>
/// Add a migration from the repository root (a design-time factory means no live database is needed):
/// <code>dotnet ef migrations add NAME --project Ingestion.Storage --startup-project Ingestion.Storage --output-dir Migrations</code>
/// </remarks>
public sealed class MetricsDbContext(DbContextOptions<MetricsDbContext> options) : DbContext(options)
{
    public DbSet<MetricRow> Metrics => Set<MetricRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MetricsDbContext).Assembly);
}

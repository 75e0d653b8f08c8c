using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ingestion.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without configuration or a running server.</summary>
public sealed class MetricsDbContextDesignTimeFactory : IDesignTimeDbContextFactory<MetricsDbContext>
{
    public MetricsDbContext CreateDbContext(string[] args)
    {
        // Never opened by `migrations add`; `database update` from the CLI should pass --connection.
        var options = new DbContextOptionsBuilder<MetricsDbContext>()
            .UseNpgsql("Host=localhost;Database=metrics")
            .Options;
        return new MetricsDbContext(options);
    }
}

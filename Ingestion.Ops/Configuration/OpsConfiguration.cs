using Microsoft.Extensions.Configuration;

namespace Ingestion.Ops.Configuration;

/// <summary>Configuration in the services' order: appsettings.json, appsettings.{Environment}.json, environment, overrides, flags.</summary>
internal static class OpsConfiguration
{
    public static IConfiguration Build(IConfiguration? overrides, IReadOnlyDictionary<string, string?> flags)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables();
        if (overrides is not null)
            builder.AddConfiguration(overrides);
        builder.AddInMemoryCollection(flags.Where(flag => flag.Value is not null));
        return builder.Build();
    }
}

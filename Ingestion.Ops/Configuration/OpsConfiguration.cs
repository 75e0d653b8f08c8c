using Microsoft.Extensions.Configuration;

namespace Ingestion.Ops.Configuration;

/// <summary>Configuration in the services' order: appsettings.json, appsettings.{Environment}.json, environment, overrides, flags.</summary>
internal static class OpsConfiguration
{
    // An operator waits at a prompt: give up on an unreachable database sooner than a starting service would.
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Storage:StartupRetryAttempts"] = "2",
        ["Storage:StartupMaxRetryDelay"] = "00:00:01",
    };

    public static IConfiguration Build(IConfiguration? overrides, IReadOnlyDictionary<string, string?> flags)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        var builder = new ConfigurationBuilder()
            .AddInMemoryCollection(Defaults)
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

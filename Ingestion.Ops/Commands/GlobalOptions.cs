using System.CommandLine;

namespace Ingestion.Ops.Commands;

/// <summary>Options every command accepts (recursive on the root).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> BootstrapServers = new("--bootstrap-servers")
    {
        Description = "Kafka bootstrap servers (overrides Kafka:BootstrapServers).",
        Recursive = true,
    };

    public static readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = "PostgreSQL connection string (overrides ConnectionStrings:Metrics).",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and client details on errors.",
        Recursive = true,
    };
}

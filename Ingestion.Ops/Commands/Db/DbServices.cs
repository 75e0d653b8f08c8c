using Ingestion.Storage.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Ops.Commands.Db;

/// <summary>The storage services as the worker registers them, on the connection string the tool was given.</summary>
internal static class DbServices
{
    public static ServiceProvider Create(OpsContext context, string connectionString)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(context.Configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Metrics"] = connectionString })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddIngestionStorage(configuration)
            .AddStorageRetention(runInBackground: false)
            .BuildServiceProvider();
    }
}

using Ingestion.Storage.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Storage;

/// <summary>The storage services as a host registers them, on one test database.</summary>
internal static class StorageServices
{
    public static ServiceProvider For(string connectionString, int startupRetryAttempts = 2)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Metrics"] = connectionString,
                ["Storage:StartupRetryAttempts"] = startupRetryAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Storage:StartupMaxRetryDelay"] = "00:00:00.200",
            })
            .Build();
        return new ServiceCollection().AddLogging().AddIngestionStorage(configuration).AddStorageRetention(runInBackground: false).BuildServiceProvider();
    }
}

using Ingestion.Contracts;
using Ingestion.Storage.Migrating;
using Ingestion.Storage.Writing;
using Ingestion.Tests.Storage;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Enforcing_retention_from_the_tool
{
    [Test]
    public async Task Says_what_it_would_drop_on_a_dry_run_then_drops_it()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("ops_retention");
        await using (var services = StorageServices.For(connectionString))
        {
            await services.GetRequiredService<MetricsDatabaseMigrator>().MigrateAsync(CancellationToken.None);
            var old = DateTimeOffset.UtcNow.AddDays(-20);
            await services.GetRequiredService<MetricWriter>().WriteAsync([new MetricRecorded { Id = Guid.NewGuid(), Name = "old", Value = 1, Timestamp = old }], CancellationToken.None);
        }
        var tool = OpsTool.For(connectionString: connectionString);
        var partition = $"metrics_p{DateTimeOffset.UtcNow.AddDays(-20):yyyyMMdd}";

        var dryRun = await tool.RunAsync("db", "retention", "--dry-run");
        var run = await tool.RunAsync("db", "retention");
        var again = await tool.RunAsync("db", "retention", "--dry-run");

        Assert.Multiple(() =>
        {
            Assert.That(dryRun.ExitCode, Is.EqualTo(0), dryRun.ToString());
            Assert.That(dryRun.Output, Does.StartWith("Would drop ").And.Contain(partition));
            Assert.That(run.Output, Does.StartWith("Dropped ").And.Contain(partition).And.Contain("Created "));
            Assert.That(again.Output, Does.StartWith("Nothing is older than the retention settings."));
        });
    }
}

using System.Text.Json;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Ops;

[TestFixture]
public sealed class Migrating_the_database
{
    [Test]
    public async Task Reports_the_migrations_it_applied_and_nothing_on_a_second_run()
    {
        var connectionString = await TestInfrastructure.CreateDatabaseAsync("ops_migrate");
        var tool = OpsTool.For(connectionString: connectionString);

        var first = await tool.RunAsync("db", "migrate");
        var second = await tool.RunAsync("db", "migrate", "--json");

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(first.Output, Does.StartWith("Applied ").And.Contain("_InitialMetrics"));
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(JsonDocument.Parse(second.Output).RootElement.GetProperty("applied").GetArrayLength(), Is.EqualTo(0));
    }

    [Test]
    public async Task Fails_with_one_sentence_when_postgres_is_unreachable()
    {
        var result = await OpsTool.For().RunAsync("db", "migrate", "--connection-string", "Host=127.0.0.1;Port=1;Username=x;Password=y;Database=z;Timeout=2");

        Assert.That(result.ExitCode, Is.EqualTo(1));
        Assert.That(result.Error, Does.StartWith("error: PostgreSQL at 127.0.0.1:1"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }
}

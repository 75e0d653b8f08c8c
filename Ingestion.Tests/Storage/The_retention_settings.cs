using Ingestion.Storage;
using Ingestion.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration;
using Ingestion.Storage.Extensions;

namespace Ingestion.Tests.Storage;

public sealed class The_retention_settings
{
    [Test]
    public void Accept_the_defaults()
    {
        Assert.That(new RetentionOptions().Problem(TimeSpan.FromDays(7), TimeSpan.FromDays(7)), Is.Null);
    }

    [TestCase("10.00:00:00", null, "Worker:MaxMetricAge (10.00:00:00) is longer than Storage:Retention:Raw")]
    [TestCase(null, "3.00:00:00", "Storage:Retention:Minute must be 0 (forever) or at least Raw")]
    public void Refuse_to_start_when_retention_would_drop_what_the_edge_accepts(string? workerMaxAge, string? minuteRetention, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Metrics"] = TestInfrastructure.PostgresConnectionString,
            ["Worker:MaxMetricAge"] = workerMaxAge,
            ["Storage:Retention:Minute"] = minuteRetention,
        }.Where(setting => setting.Value is not null)).Build();
        using var services = new ServiceCollection().AddLogging().AddIngestionStorage(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => _ = services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.That(failure!.Message, Does.Contain(message));
    }

    [Test]
    public void Keep_forever_when_zero()
    {
        var forever = new RetentionOptions { Raw = TimeSpan.Zero, Minute = TimeSpan.Zero, Hour = TimeSpan.Zero };

        Assert.That(forever.Problem(TimeSpan.FromDays(365), null), Is.Null);
    }
}

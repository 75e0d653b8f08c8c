using Ingestion.Tests.Support;
using YamlDotNet.Serialization;

namespace Ingestion.Tests.Deploy;

/// <summary>deploy/prometheus/alerts.yml, unit-tested by promtool on synthetic series (alerts.test.yml).</summary>
[TestFixture]
public sealed class The_alert_rules
{
    private static string PrometheusDirectory => Path.Combine(DeployFiles.DeployDirectory, "prometheus");

    [Test, CancelAfter(120_000)]
    public async Task Pass_their_promtool_unit_tests(CancellationToken cancellationToken)
    {
        var (exitCode, log) = await ExternalProcess.RunAsync(Promtool(), ["test", "rules", "alerts.test.yml"], PrometheusDirectory, cancellationToken);

        Assert.That(exitCode, Is.EqualTo(0), log);
        Assert.That(log, Does.Contain("SUCCESS"));
    }

    [Test]
    public void Have_a_test_where_each_alert_fires_and_one_where_it_stays_silent()
    {
        var alerts = Yaml("alerts.yml").Maps("groups")
            .SelectMany(group => group.Maps("rules"))
            .Select(rule => rule.String("alert"))
            .ToList();
        var cases = Yaml("alerts.test.yml").Maps("tests")
            .SelectMany(test => test.Maps("alert_rule_test"))
            .Select(check => (check.String("alertname"), Fires: check.Maps("exp_alerts").Count > 0))
            .ToList();

        Assert.That(alerts, Is.SupersetOf(new[]
        {
            "IngestionConsumerLagHigh", "IngestionDeadLettersGrowing", "IngestionWorkerBlocked", "IngestionPartitionRestarted",
            "IngestionApiServerErrors", "IngestionProducerBreakerOpen", "IngestionAdmissionRefusing",
        }));
        Assert.Multiple(() =>
        {
            foreach (var alert in alerts)
            {
                Assert.That(cases, Does.Contain((alert, true)), $"{alert} has no test in which it fires");
                Assert.That(cases, Does.Contain((alert, false)), $"{alert} has no test in which it stays silent");
            }
        });
    }

    private static YamlMap Yaml(string file) =>
        new(new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(File.ReadAllText(Path.Combine(PrometheusDirectory, file))));

    /// <summary>Debian's <c>prometheus</c> package ships promtool; <c>./ingest test</c> installs it.</summary>
    private static string Promtool()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "promtool"))
            .FirstOrDefault(File.Exists);
        if (found is null)
            Assert.Fail("promtool is not installed: install Debian's prometheus package (./ingest test installs it).");
        return found!;
    }
}

using Ingestion.Contracts;

namespace Ingestion.Tests.Deploy;

[TestFixture]
public sealed class The_compose_file
{
    // Services that run once and exit 0; health checks make no sense for them.
    private static readonly string[] OneShots = ["kafka-init", "migrate"];

    private YamlMap services = null!;

    [OneTimeSetUp]
    public void Load() => services = DeployFiles.Compose().Map("services");

    private IEnumerable<(string Name, YamlMap Service)> Services() => services.Keys.Select(name => (name, services.Map(name)));

    private IEnumerable<(string Name, YamlMap Service)> OurServices() => Services().Where(s => s.Service.Has("build"));

    [Test]
    public void Creates_the_metrics_topics_with_the_contract_names_and_partitions()
    {
        var init = services.Map("kafka-init").Map("environment").AsStrings();
        Assert.Multiple(() =>
        {
            Assert.That(init["METRICS_TOPIC"], Is.EqualTo(Topics.Metrics));
            Assert.That(init["DLQ_TOPIC"], Is.EqualTo(Topics.MetricsDeadLetter));
            Assert.That(init["METRICS_PARTITIONS"], Is.EqualTo(DeployFiles.DefaultMetricsPartitions.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(init["METRICS_RETENTION_MS"], Is.EqualTo(((long)MetricLimits.DefaultMaxAge.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(string.Join('\n', services.Map("kafka-init").Strings("command")), Does.Contain("$$METRICS_PARTITIONS").And.Contain("$$DLQ_TOPIC"));
        });
    }

    [Test]
    public void Runs_Apache_Kafka_in_KRaft_mode_with_combined_roles()
    {
        var kafka = services.Map("kafka");
        Assert.Multiple(() =>
        {
            Assert.That(kafka.String("image"), Does.StartWith("apache/kafka:"));
            Assert.That(kafka.Map("environment").String("KAFKA_PROCESS_ROLES"), Is.EqualTo("broker,controller"));
            Assert.That(kafka.Map("environment").String("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), Is.EqualTo("false"));
        });
    }

    [Test]
    public void Gives_every_long_running_service_a_health_check()
    {
        var missing = Services().Where(s => !OneShots.Contains(s.Name) && s.Service.Map("healthcheck").Strings("test").Count == 0)
            .Select(s => s.Name);
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Starts_a_service_only_after_its_dependencies_are_healthy_or_done()
    {
        var unconditional = Services()
            .SelectMany(s => s.Service.Map("depends_on").Keys.Select(dependency => (s.Name, dependency, condition: s.Service.Map("depends_on").Map(dependency).String("condition"))))
            .Where(d => d.condition is null || (OneShots.Contains(d.dependency) ? d.condition != "service_completed_successfully" : d.condition != "service_healthy"))
            .Select(d => $"{d.Name} -> {d.dependency}: {d.condition ?? "no condition"}");
        Assert.Multiple(() =>
        {
            Assert.That(unconditional, Is.Empty);
            Assert.That(services.Map("api").Map("depends_on").Keys, Is.SupersetOf(OneShots));
            Assert.That(services.Map("worker").Map("depends_on").Keys, Is.SupersetOf(OneShots));
        });
    }

    [Test]
    public void Migrates_once_with_the_ops_tool_instead_of_on_every_start()
    {
        var migrate = services.Map("migrate");
        Assert.Multiple(() =>
        {
            Assert.That(migrate.Map("build").String("target"), Is.EqualTo("ops"));
            Assert.That(migrate.Strings("command"), Is.EqualTo(new[] { "db", "migrate" }));
            Assert.That(OurServices().Select(s => s.Service.Map("environment").String("Storage__MigrateOnStart")), Is.All.EqualTo("false"));
        });
    }

    [Test]
    public void Runs_three_workers_and_publishes_the_api_on_8000()
    {
        Assert.Multiple(() =>
        {
            Assert.That(services.Map("worker").At("deploy").String("replicas"), Is.EqualTo("3"));
            Assert.That(services.Map("worker").Has("ports"), Is.False, "replicas cannot share a host port");
            Assert.That(services.Map("api").Strings("ports"), Does.Contain("8000:8000"));
            Assert.That(services.Map("kafka-ui").Strings("ports"), Does.Contain("8080:8080"));
        });
    }

    [Test]
    public void Sets_only_variables_from_the_configuration_table_on_our_services()
    {
        var table = DeployFiles.ConfigurationTable();
        var unknown = OurServices()
            .SelectMany(s => s.Service.Map("environment").Keys.Select(variable => (s.Name, variable)))
            .Where(v => !DeployFiles.IsInConfigurationTable(v.variable, table))
            .Select(v => $"{v.Name}: {v.variable}");
        Assert.Multiple(() =>
        {
            Assert.That(table, Does.Contain("Kafka__BootstrapServers").And.Contain("ConnectionStrings__Metrics").And.Contain("Storage__MigrateOnStart"));
            Assert.That(unknown, Is.Empty);
        });
    }

    [Test]
    public void Names_the_worker_group_and_only_worker_options_that_exist()
    {
        var worker = services.Map("worker").Map("environment").AsStrings();
        var options = typeof(Ingestion.Consumers.WorkerOptions).GetProperties().Select(p => p.Name);
        Assert.Multiple(() =>
        {
            Assert.That(worker["Worker__GroupId"], Is.EqualTo(Topics.MetricsWorkerGroup));
            Assert.That(worker.Keys.Where(k => k.StartsWith("Worker__", StringComparison.Ordinal)).Select(k => k["Worker__".Length..]),
                Is.SubsetOf(options));
        });
    }

    [Test]
    public void Pins_every_image_by_version()
    {
        var images = Services().Where(s => !s.Service.Has("build")).Select(s => s.Service.String("image") ?? $"{s.Name}: no image").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(images, Is.Not.Empty);
            Assert.That(images.Where(image => !ImageReference.IsPinned(image)), Is.Empty);
        });
    }
}

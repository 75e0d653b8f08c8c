using Ingestion.Contracts;

namespace Ingestion.Tests.Deploy;

[TestFixture]
public sealed class The_kubernetes_manifests
{
    private IReadOnlyList<(string File, YamlMap Document)> manifests = null!;

    [OneTimeSetUp]
    public void Load() => manifests = DeployFiles.KubernetesManifests();

    private YamlMap Single(string kind, string name) =>
        manifests.Single(m => m.Document.String("kind") == kind && m.Document.At("metadata").String("name") == name).Document;

    private IEnumerable<(string Workload, YamlMap Container)> Containers() =>
        manifests.Where(m => m.Document.String("kind") is "Deployment" or "Job")
            .SelectMany(m => m.Document.At("spec.template.spec").Maps("containers")
                .Select(c => ($"{m.Document.At("metadata").String("name")}/{c.String("name")}", c)));

    private IEnumerable<YamlMap> ServiceContainers() =>
        new[] { "ingestion-api", "ingestion-worker" }.Select(name => Single("Deployment", name).At("spec.template.spec").Maps("containers").Single());

    [Test]
    public void Probe_liveness_and_readiness_on_the_health_endpoints()
    {
        Assert.Multiple(() =>
        {
            foreach (var container in ServiceContainers())
            {
                Assert.That(container.At("livenessProbe.httpGet").String("path"), Is.EqualTo("/health/live"), container.String("name"));
                Assert.That(container.At("readinessProbe.httpGet").String("path"), Is.EqualTo("/health/ready"), container.String("name"));
            }
        });
    }

    [Test]
    public void Set_requests_and_limits_on_every_container()
    {
        var unbounded = Containers().Where(c =>
                c.Container.At("resources.requests").String("cpu") is null || c.Container.At("resources.requests").String("memory") is null ||
                c.Container.At("resources.limits").String("memory") is null)
            .Select(c => c.Workload);
        Assert.That(unbounded, Is.Empty);
    }

    [Test]
    public void Pin_every_image_and_tag_ours_with_the_product_version()
    {
        var images = Containers().Select(c => c.Container.String("image") ?? $"{c.Workload}: no image").ToList();
        var ours = images.Where(i => i.StartsWith("ghcr.io/ingestion/", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(images.Where(i => !ImageReference.IsPinned(i)), Is.Empty);
            Assert.That(ours, Has.Count.EqualTo(3));
            Assert.That(ours.Select(ImageReference.Tag), Is.All.EqualTo(DeployFiles.ProductVersion()));
        });
    }

    [Test]
    public void Configure_our_services_only_with_names_from_the_configuration_table()
    {
        var table = DeployFiles.ConfigurationTable();
        var names = Single("ConfigMap", "ingestion-config").Map("data").Keys
            .Concat(Single("Secret", "ingestion-secrets").Map("stringData").Keys)
            .Concat(ServiceContainers().SelectMany(c => c.Maps("env").Select(e => e.String("name")!)))
            .ToList();
        Assert.Multiple(() =>
        {
            Assert.That(names, Does.Contain("Kafka__BootstrapServers"));
            Assert.That(names.Where(n => !DeployFiles.IsInConfigurationTable(n, table)), Is.Empty);
        });
    }

    [Test]
    public void Keep_the_connection_string_in_the_secret_and_load_both_sources()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Single("Secret", "ingestion-secrets").Map("stringData").Keys, Does.Contain("ConnectionStrings__Metrics"));
            Assert.That(Single("ConfigMap", "ingestion-config").Map("data").Keys, Does.Not.Contain("ConnectionStrings__Metrics"));
            foreach (var container in ServiceContainers())
            {
                var sources = container.Maps("envFrom");
                Assert.That(sources.Select(s => s.At("configMapRef").String("name")), Does.Contain("ingestion-config"));
                Assert.That(sources.Select(s => s.At("secretRef").String("name")), Does.Contain("ingestion-secrets"));
            }
        });
    }

    [Test]
    public void Scale_the_api_on_cpu()
    {
        var hpa = Single("HorizontalPodAutoscaler", "ingestion-api");
        Assert.Multiple(() =>
        {
            Assert.That(hpa.At("spec.scaleTargetRef").String("name"), Is.EqualTo("ingestion-api"));
            Assert.That(hpa.At("spec").Maps("metrics").Select(m => m.At("resource").String("name")), Does.Contain("cpu"));
            Assert.That(Single("Service", "ingestion-api").At("spec.selector").String("app.kubernetes.io/name"), Is.EqualTo("ingestion-api"));
        });
    }

    [Test]
    public void Scale_the_worker_on_the_lag_of_its_group_up_to_the_partition_count()
    {
        var scaledObject = Single("ScaledObject", "ingestion-worker");
        var trigger = scaledObject.At("spec").Maps("triggers").Single();
        Assert.Multiple(() =>
        {
            Assert.That(scaledObject.At("spec.scaleTargetRef").String("name"), Is.EqualTo("ingestion-worker"));
            Assert.That(trigger.String("type"), Is.EqualTo("kafka"));
            Assert.That(trigger.Map("metadata").String("topic"), Is.EqualTo(Topics.Metrics));
            Assert.That(trigger.Map("metadata").String("consumerGroup"), Is.EqualTo(Topics.MetricsWorkerGroup));
            Assert.That(ServiceContainers().Last().Maps("env").Single(e => e.String("name") == "Worker__GroupId").String("value"),
                Is.EqualTo(trigger.Map("metadata").String("consumerGroup")), "KEDA watches the group the workers join");
            Assert.That(int.Parse(scaledObject.At("spec").String("maxReplicaCount")!, System.Globalization.CultureInfo.InvariantCulture), Is.LessThanOrEqualTo(DeployFiles.DefaultMetricsPartitions));
        });
    }

    [Test]
    public void Create_the_topics_replicated_for_a_three_broker_cluster()
    {
        var env = Single("Job", "ingestion-topics").At("spec.template.spec").Maps("containers").Single().Maps("env")
            .Where(e => e.Has("value")).ToDictionary(e => e.String("name")!, e => e.String("value")!);
        Assert.Multiple(() =>
        {
            Assert.That(env["METRICS_TOPIC"], Is.EqualTo(Topics.Metrics));
            Assert.That(env["DLQ_TOPIC"], Is.EqualTo(Topics.MetricsDeadLetter));
            Assert.That(env["METRICS_PARTITIONS"], Is.EqualTo("3"));
            Assert.That(env["REPLICATION_FACTOR"], Is.EqualTo("3"));
            Assert.That(env["MIN_INSYNC_REPLICAS"], Is.EqualTo("2"));
        });
    }

    [Test]
    public void Are_all_applied_by_the_kustomization_except_the_KEDA_example()
    {
        var listed = manifests.Single(m => m.Document.String("kind") == "Kustomization").Document.Strings("resources");
        var files = manifests.Select(m => m.File).Distinct().Where(f => f is not "kustomization.yaml" and not "worker-scaledobject.yaml");
        Assert.That(listed, Is.EquivalentTo(files));
    }
}

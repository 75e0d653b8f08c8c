using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Ingestion.Contracts;
using Ingestion.Tests.Deploy;
using Ingestion.Tests.EndToEnd;
using Ingestion.Tests.Support;
using Ingestion.Tests.Worker;

namespace Ingestion.Tests.Contracts;

/// <summary>
/// samples/PublishMetric as another team would build it: copied out of the repository, Ingestion.Contracts restored
/// from a local folder feed, Confluent.Kafka from the regular source, run against the embedded broker; a real worker
/// then persists what it published.
/// </summary>
[TestFixture]
public sealed class The_publish_metric_sample
{
    private ContractsPackage package = null!;

    [OneTimeSetUp]
    public async Task Pack()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        package = await ContractsPackage.PackAsync(timeout.Token);
    }

    [OneTimeTearDown]
    public void Delete() => package?.Dispose();

    [Test, CancelAfter(240_000)]
    public async Task Installs_the_package_from_a_local_feed_and_publishes_a_metric_with_its_series_key_that_the_worker_persists(CancellationToken cancellationToken)
    {
        var project = CopySampleWithNuGetConfig();
        var topic = TestInfrastructure.CreateTopic("sample", partitions: 3);

        var (buildExit, buildLog) = await ExternalProcess.RunAsync("dotnet",
            ["build", "-c", "Release", "-o", "out", "-nologo", $"-p:IngestionContractsVersion={package.Version}"], project, cancellationToken);
        Assert.That(buildExit, Is.EqualTo(0), buildLog);
        Assert.That(File.Exists(Path.Combine(package.Root.FullName, "packages", "ingestion.contracts", package.Version, $"ingestion.contracts.{package.Version}.nupkg")),
            "restored the freshly packed package from the folder feed");

        var (runExit, runLog) = await ExternalProcess.RunAsync("dotnet",
            [Path.Combine("out", "PublishMetric.dll"), TestInfrastructure.Kafka.BootstrapServers, topic, "sample_cpu", "42.5", "region=eu", "host=a"],
            project, cancellationToken);
        Assert.That(runExit, Is.EqualTo(0), runLog);

        var record = ConsumeOne(topic, cancellationToken);
        var metric = JsonSerializer.Deserialize<MetricRecorded>(record.Value, JsonSerializerOptions.Web)!;
        using var json = JsonDocument.Parse(record.Value);
        Assert.Multiple(() =>
        {
            Assert.That(record.Key, Is.EqualTo("sample_cpu{host=a,region=eu}"));
            Assert.That(json.RootElement.TryGetProperty("name", out _) && json.RootElement.TryGetProperty("value", out _), "camelCase JSON");
            Assert.That(metric.Name, Is.EqualTo("sample_cpu"));
            Assert.That(metric.Value, Is.EqualTo(42.5));
            Assert.That(metric.Labels, Is.EquivalentTo(new Dictionary<string, string> { ["host"] = "a", ["region"] = "eu" }));
            Assert.That(Header(record, RecordHeaders.ContentType), Is.EqualTo(RecordContentTypes.Json));
            Assert.That(Header(record, RecordHeaders.MessageId), Is.EqualTo(metric.Id.ToString()));
            Assert.That(runLog, Does.Contain($"published {metric.Id}"));
        });

        var settings = new WorkerSettings(topic, $"{topic}-group", TestInfrastructure.CreateTopic("sample-dlq", 1),
            await TestInfrastructure.CreateDatabaseAsync("sample"));
        await using var worker = await InProcessWorker.StartAsync(settings);
        var rows = await StoredMetrics.WaitForAsync(settings.ConnectionString, "sample_cpu", 1, TimeSpan.FromSeconds(45));
        Assert.That(rows.Select(r => (r.Id, r.Name, r.Value, string.Join(",", r.Labels.OrderBy(l => l.Key).Select(l => $"{l.Key}={l.Value}")))),
            Is.EqualTo(new[] { (metric.Id!.Value, "sample_cpu", 42.5, "host=a,region=eu") }), "the worker persisted the sample's metric");
    }

    private string CopySampleWithNuGetConfig()
    {
        var project = Path.Combine(package.Root.FullName, "PublishMetric");
        Directory.CreateDirectory(project);
        var sample = Path.Combine(DeployFiles.RepositoryRoot, "samples", "PublishMetric");
        foreach (var file in new[] { "PublishMetric.csproj", "Program.cs" })
            File.Copy(Path.Combine(sample, file), Path.Combine(project, file));

        // A private packages folder, so nothing from this run lands in the machine's cache; that cache still serves
        // Confluent.Kafka as a fallback folder, so no download is needed when it is there.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(package.Root.FullName, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{cache}" />
              </fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="local" value="{package.Feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="local"><package pattern="Ingestion.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        return project;
    }

    private static Message<string, byte[]> ConsumeOne(string topic, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = TestInfrastructure.Kafka.BootstrapServers,
            GroupId = $"sample-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(Enumerable.Range(0, 3).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result?.Message is { } message) return message;
            cancellationToken.ThrowIfCancellationRequested();
        }
        throw new AssertionException($"No record arrived on {topic} within 20 s.");
    }

    private static string? Header(Message<string, byte[]> message, string name) =>
        message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}

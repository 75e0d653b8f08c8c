using System.Text.Json;
using System.Text.RegularExpressions;
using Ingestion.Contracts;

namespace Ingestion.Tests.Contracts;

[TestFixture]
public sealed partial class The_contracts_package
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

    [Test]
    public void Depends_on_nothing_but_the_framework()
    {
        var groups = package.Nuspec().Element("dependencies")?.Elements("group").ToList() ?? [];
        Assert.That(groups.SelectMany(g => g.Elements()), Is.Empty);
    }

    [Test]
    public void Carries_the_assembly_its_documentation_and_readme()
    {
        var metadata = package.Nuspec();
        Assert.Multiple(() =>
        {
            Assert.That(package.Files(), Is.SupersetOf(new[] { "lib/net10.0/Ingestion.Contracts.dll", "lib/net10.0/Ingestion.Contracts.xml", "README.md" }));
            Assert.That(metadata.Element("readme")?.Value, Is.EqualTo("README.md"));
            Assert.That(metadata.Element("license")?.Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(metadata.Element("license")?.Value, Is.Not.Empty);
            Assert.That(metadata.Element("repository")?.Attribute("url")?.Value, Does.StartWith("https://"));
            Assert.That(metadata.Element("version")?.Value, Is.EqualTo(package.Version));
            Assert.That(package.ReadText("lib/net10.0/Ingestion.Contracts.xml"), Does.Contain("M:Ingestion.Contracts.SeriesKey.For(Ingestion.Contracts.MetricRecorded)"));
        });
    }

    [Test]
    public void Documents_a_wire_example_the_contract_accepts_and_the_evolution_rules()
    {
        var readme = package.ReadText("README.md");
        var example = JsonBlock().Match(readme).Groups["json"].Value;
        var metric = JsonSerializer.Deserialize<MetricRecorded>(example, JsonSerializerOptions.Web)!;

        Assert.Multiple(() =>
        {
            Assert.That(MetricValidator.Validate(metric, metric.Timestamp!.Value), Is.Empty);
            Assert.That(readme, Does.Contain($"`{SeriesKey.For(metric)}`"), "the README shows the example's series key");
            Assert.That(readme, Does.Contain(RecordHeaders.ContentType).And.Contain(RecordHeaders.MessageId));
            Assert.That(readme, Does.Contain(Topics.Metrics).And.Contain(Topics.MetricsDeadLetter));
            Assert.That(readme, Does.Contain("## Contract evolution").And.Contain("additive only").And.Contain("ignore unknown fields"));
        });
    }

    [GeneratedRegex(@"```json\s*(?<json>\{.*?\})\s*```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}

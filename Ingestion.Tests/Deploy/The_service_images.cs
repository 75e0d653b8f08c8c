using System.Text.Json;
using System.Text.RegularExpressions;
using Ingestion.Tests.Support;

namespace Ingestion.Tests.Deploy;

/// <summary>What can be checked of the images without a Docker engine: the Dockerfile's own publish script, run here.</summary>
[TestFixture]
public sealed partial class The_service_images
{
    private static readonly (string Service, string Assembly)[] Services =
        [("api", "Ingestion.Api"), ("worker", "Ingestion.Consumers"), ("ops", "Ingestion.Ops")];

    private string dockerfile = null!;

    [OneTimeSetUp]
    public void Load() => dockerfile = File.ReadAllText(Path.Combine(DeployFiles.DeployDirectory, "Dockerfile"));

    [Test]
    public void Restore_after_copying_the_build_props_and_before_the_sources()
    {
        var restore = dockerfile.IndexOf(DockerfileRestoreLayer.RestoreStep, StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(restore, Is.GreaterThan(0));
            foreach (var file in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props" })
                Assert.That(dockerfile.IndexOf(file, StringComparison.Ordinal), Is.InRange(0, restore), file);
            Assert.That(dockerfile.IndexOf("COPY . .", StringComparison.Ordinal), Is.GreaterThan(restore));
        });
    }

    [Test]
    public void Build_every_service_with_the_publish_script_and_start_its_assembly()
    {
        Assert.Multiple(() =>
        {
            foreach (var (service, assembly) in Services)
            {
                Assert.That(dockerfile, Does.Contain($"RUN deploy/publish {service} /app"));
                Assert.That(dockerfile, Does.Contain($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]"));
            }
        });
    }

    [Test]
    public void Run_as_a_non_root_user_with_the_libsasl2_link_on_the_official_images()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FromImages().Where(image => !image.StartsWith("mcr.microsoft.com/dotnet/", StringComparison.Ordinal) && !IsStageName(image)), Is.Empty);
            Assert.That(dockerfile, Does.Contain("USER $APP_UID"));
            Assert.That(dockerfile, Does.Contain("libsasl2-2").And.Contain("libsasl2.so.3"));
            Assert.That(dockerfile, Does.Contain("HEALTHCHECK"));
        });
    }

    [Test]
    public void Copy_every_project_the_services_reference_before_restoring()
    {
        var copied = DockerfileRestoreLayer.Copies(dockerfile).Select(c => c.Source).ToHashSet();
        var needed = DockerfileRestoreLayer.ProjectClosure(DeployFiles.RepositoryRoot,
            Services.Select(s => $"{s.Assembly}/{s.Assembly}.csproj"));
        Assert.That(needed.Where(project => !copied.Contains(project)), Is.Empty);
    }

    [Test]
    public void Keep_the_sources_and_scripts_in_the_build_context()
    {
        var patterns = File.ReadAllLines(Path.Combine(DeployFiles.DeployDirectory, "Dockerfile.dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var needed = DockerfileRestoreLayer.ProjectClosure(DeployFiles.RepositoryRoot, Services.Select(s => $"{s.Assembly}/{s.Assembly}.csproj"))
            .Select(p => p.Replace(Path.DirectorySeparatorChar, '/'))
            .Concat(["deploy/publish", "deploy/healthcheck", "Directory.Build.props", "Directory.Packages.props", "global.json"]);
        var excluded = needed.Where(path => patterns.Any(pattern => IsExcludedBy(path, pattern))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(excluded, Is.Empty);
            Assert.That(patterns, Does.Contain("**/bin/").And.Contain("**/obj/"), "local build output must not reach the image");
        });
    }

    private static bool IsExcludedBy(string path, string pattern) =>
        pattern.StartsWith("**/", StringComparison.Ordinal)
            ? $"/{path}".Contains($"/{pattern[3..].TrimEnd('/')}/", StringComparison.Ordinal) || path.EndsWith(pattern[3..], StringComparison.Ordinal)
            : path == pattern.TrimEnd('/') || path.StartsWith(pattern.TrimEnd('/') + "/", StringComparison.Ordinal);

    [Test, CancelAfter(300_000)]
    public async Task Restore_from_only_the_files_the_Dockerfile_copies_first(CancellationToken cancellationToken)
    {
        var context = Directory.CreateTempSubdirectory("ingestion-restore-layer-");
        try
        {
            DockerfileRestoreLayer.Materialise(dockerfile, DeployFiles.RepositoryRoot, context.FullName);
            var (exitCode, log) = await ExternalProcess.RunAsync(Path.Combine(context.FullName, "deploy", "publish"), ["restore"], context.FullName, cancellationToken);
            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(0), log);
                foreach (var (_, assembly) in Services)
                    Assert.That(File.Exists(Path.Combine(context.FullName, assembly, "obj", "project.assets.json")), assembly);
            });
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    [Test, CancelAfter(600_000)]
    public async Task Publish_the_way_the_Dockerfile_does_with_the_Kafka_native_library(CancellationToken cancellationToken)
    {
        var output = Directory.CreateTempSubdirectory("ingestion-publish-");
        try
        {
            foreach (var (service, assembly) in Services)
            {
                var directory = Path.Combine(output.FullName, service);
                var (exitCode, log) = await ExternalProcess.RunAsync(Path.Combine(DeployFiles.DeployDirectory, "publish"), [service, directory], DeployFiles.RepositoryRoot, cancellationToken);
                Assert.That(exitCode, Is.EqualTo(0), log);

                using var runtimeConfig = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(directory, $"{assembly}.runtimeconfig.json"), cancellationToken));
                var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
                var frameworks = (options.TryGetProperty("frameworks", out var many) ? [.. many.EnumerateArray()] : new[] { options.GetProperty("framework") })
                    .Select(f => f.GetProperty("name").GetString()).ToList();
                Assert.Multiple(() =>
                {
                    Assert.That(File.Exists(Path.Combine(directory, $"{assembly}.dll")), service);
                    // The aspnet base image carries both shared frameworks; the ops tool needs only the base one.
                    Assert.That(frameworks, service == "ops" ? Is.EqualTo(new[] { "Microsoft.NETCore.App" }) : Does.Contain("Microsoft.AspNetCore.App"), service);
                    Assert.That(File.Exists(Path.Combine(directory, "runtimes", "linux-x64", "native", "librdkafka.so")), service);
                    Assert.That(File.Exists(Path.Combine(directory, "runtimes", "linux-x64", "native", "centos8-librdkafka.so")), service);
                    Assert.That(Directory.Exists(Path.Combine(directory, "runtimes", "win-x64")), Is.False, service);
                });
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private IEnumerable<string> FromImages() => FromLine().Matches(dockerfile).Select(m => m.Groups["image"].Value.Replace("${DOTNET_VERSION}", "10.0", StringComparison.Ordinal));

    private bool IsStageName(string image) => dockerfile.Contains($" AS {image}", StringComparison.Ordinal);

    [GeneratedRegex(@"^FROM (?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();
}

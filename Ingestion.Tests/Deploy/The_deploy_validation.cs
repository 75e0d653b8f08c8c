using Ingestion.Tests.Support;

namespace Ingestion.Tests.Deploy;

[TestFixture]
public sealed class The_deploy_validation
{
    [Test, CancelAfter(120_000)]
    public async Task Accepts_the_compose_file_with_docker_compose_config(CancellationToken cancellationToken)
    {
        var (exitCode, log) = await ExternalProcess.RunAsync(Path.Combine(DeployFiles.DeployDirectory, "validate"), [], DeployFiles.RepositoryRoot, cancellationToken);
        Assert.That(exitCode, Is.EqualTo(0), log);
        if (log.Contains("skipped", StringComparison.Ordinal))
            Assert.Ignore(log);
        Assert.That(log, Does.Contain("is valid"));
    }
}
